using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// A message committed straight to the store as an api replica would (same store, same outbox) and never pushed live:
/// it reaches the members only through the backstop (outbox relay → RabbitMQ → realtime), after its one-second grace
/// and after the events committed before it were published. A test that checks "nothing more arrived" (no duplicate,
/// nothing for an outsider) waits for it instead of sleeping: by then a duplicate from either path would be in.
/// </summary>
public static class BackstopSentinel
{
    public static async Task<MessageRecord> SendAsync(
        HostModeAppFixture fixture, string conversationId, string senderId, CancellationToken cancellationToken)
    {
        var store = new SqliteConversationStore(new SqliteConnectionFactory(fixture.EmbeddedStorePath));
        var stored = await store.SendMessageAsync(
            new NewMessage(conversationId, senderId, "sentinel", null, [], Guid.NewGuid().ToString("N")), cancellationToken);
        return stored!.Value;
    }

    /// <summary>Sends a sentinel and waits until every listener received it; returns its seq.</summary>
    public static async Task<long> SendAndAwaitAsync(HostModeAppFixture fixture, string conversationId, string senderId,
        IEnumerable<HubListener> listeners, CancellationToken cancellationToken)
    {
        var sentinel = await SendAsync(fixture, conversationId, senderId, cancellationToken);
        foreach (var listener in listeners)
        {
            await listener.WaitForAsync(l => l.Received(conversationId).Any(m => m.Id == sentinel.Id), cancellationToken);
        }

        return sentinel.Seq;
    }
}
