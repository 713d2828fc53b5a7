using Microsoft.Data.Sqlite;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage;

public sealed class EmbeddedConversationStoreContractTests : ConversationStoreContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-conversations-").FullName;

    // Each store gets its own factory over the same file, as each replica process would.
    protected override async Task<(IConversationStore Store, IOutboxStore Outbox)> CreateStoreAsync(string database, TimeProvider? time = null)
    {
        var connections = new SqliteConnectionFactory(Path.Combine(_folder, database + ".db"));
        await new SqliteStoreLifecycle(connections).InitializeAsync(TestTimeout());
        return (new SqliteConversationStore(connections), new SqliteOutbox(connections, time));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
