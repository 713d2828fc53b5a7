using System.Globalization;
using System.Text.Json;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;

// One replica's worth of concurrent senders against the embedded store, for EmbeddedGroupCommitTests: the test starts
// several of these at once so their group-committed batches meet at SQLite's lock as the service processes' do.
// Usage: StoreWriter <database> <conversation id> <sender id> <count> <client message id prefix>
// Prints "ready" once the store is open, waits for one line on stdin (the test's start signal, so every process sends
// at the same moment), sends, retries every send, and prints one JSON line per answer. Exit code 1 on any exception.
try
{
    var (database, conversationId, senderId, prefix) = (args[0], args[1], args[2], args[4]);
    var count = int.Parse(args[3], CultureInfo.InvariantCulture);
    var store = new SqliteConversationStore(new SqliteConnectionFactory(database));
    // Opens the pool and loads the store's code, so the start signal measures sends, not start-up.
    _ = await store.GetConversationAsync(conversationId, CancellationToken.None);
    Console.WriteLine("ready");
    _ = Console.ReadLine();

    var messages = Enumerable.Range(0, count)
        .Select(i => new NewMessage(conversationId, senderId, $"{senderId} says {i}", null, [], $"{prefix}-{i}"))
        .ToList();
    // Started together and awaited together: that is what puts them in the same shared transactions.
    Task<Stored<MessageRecord>?[]> SendAllAsync() =>
        Task.WhenAll(messages.Select(message => store.SendMessageAsync(message, CancellationToken.None)));
    var sent = await SendAllAsync();
    var retried = await SendAllAsync();

    foreach (var (answer, retry) in sent.Select(s => (s, false)).Concat(retried.Select(r => (r, true))))
    {
        var stored = answer ?? throw new InvalidOperationException($"Conversation {conversationId} does not exist.");
        Console.WriteLine(JsonSerializer.Serialize(new WriterAnswer(
            retry, stored.Value.ClientMessageId, stored.Value.Id, stored.Value.Seq, stored.Created, stored.Value.Text),
            JsonSerializerOptions.Web));
    }

    return 0;
}
#pragma warning disable CA1031 // Any failure must reach the test as an exit code, with the exception on stderr.
catch (Exception exception)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync(exception.ToString());
    return 1;
}

/// <summary>One answer of the store, as the test reads it back.</summary>
internal sealed record WriterAnswer(bool Retry, string ClientMessageId, string MessageId, long Seq, bool Created, string? Text);
