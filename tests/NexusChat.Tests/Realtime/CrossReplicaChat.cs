using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// Two members connected to two different realtime replicas (realtime-2, realtime-3), tracking one private channel in
/// which <see cref="SentBefore"/> messages already reached both: what the Redis tests break and then count.
/// </summary>
public sealed class CrossReplicaChat(ConversationWorld world, ConversationDto channel, RecordingChatClient[] clients) : IAsyncDisposable
{
    public const int SentBefore = 5;

    public ConversationWorld World => world;

    public ConversationDto Channel => channel;

    public IReadOnlyList<RecordingChatClient> Clients => clients;

    public static async Task<CrossReplicaChat> StartAsync(HostModeAppFixture fixture, CancellationToken cancellationToken)
    {
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        RecordingChatClient[] clients =
        [
            await RecordingChatClient.ToReplicaAsync(fixture, world.Member, "realtime-2", cancellationToken),
            await RecordingChatClient.ToReplicaAsync(fixture, world.Member2, "realtime-3", cancellationToken),
        ];
        var chat = new CrossReplicaChat(world, channel, clients);
        foreach (var client in clients)
        {
            client.Connection.Track(channel.Id, channel.LastSeq, channel.Version);
        }

        for (var sent = 0; sent < SentBefore; sent++)
        {
            await world.SendAsync(channel.Id, world.Owner, $"before {sent}");
        }

        await Eventually.TrueAsync(() => clients.All(c => c.ReceivedSeqs(channel.Id).Count == SentBefore), TimeSpan.FromSeconds(30),
            "messages flow between the replicas");
        return chat;
    }

    /// <summary>Whether a message with seq <paramref name="seq"/> or later reached both clients.</summary>
    public bool BothReceivedFrom(long seq) => clients.All(c => c.ReceivedSeqs(channel.Id).Any(s => s >= seq));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
