using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Mongo;

/// <summary>
/// Collections and indexes the MongoDB store needs, as idempotent steps; step N brings the database to version N,
/// mirroring <see cref="Embedded.SqliteSchema"/>.
/// </summary>
public static class MongoSchema
{
    public static IReadOnlyList<Func<IMongoDatabase, CancellationToken, Task>> Steps { get; } =
    [
        // 1: bookkeeping only; feature collections and their indexes arrive with their features.
        (_, _) => Task.CompletedTask,
        // 2: accounts. The unique index is what makes registration atomic across replicas; the display-name index
        // serves the prefix search.
        (database, cancellationToken) => database.GetCollection<BsonDocument>(MongoUserStore.CollectionName).Indexes.CreateManyAsync(
            [
                new CreateIndexModel<BsonDocument>(
                    Builders<BsonDocument>.IndexKeys.Ascending(MongoUserStore.NormalizedUsernameField),
                    new CreateIndexOptions { Name = "normalizedUsername_unique", Unique = true }),
                new CreateIndexModel<BsonDocument>(
                    Builders<BsonDocument>.IndexKeys.Ascending(MongoUserStore.NormalizedDisplayNameField),
                    new CreateIndexOptions { Name = "normalizedDisplayName" }),
            ],
            cancellationToken),
        // 3: conversations, messages and the outbox. The unique indexes are what hold across replicas: one direct
        // conversation per pair (partial: channels have no directKey), one membership per user, one message per seq and
        // per sender's client message id. The text index uses no language, so words match as typed (no stemming or stop words),
        // as on the embedded store's FTS5 index.
        async (database, cancellationToken) =>
        {
            var keys = Builders<BsonDocument>.IndexKeys;
            await database.GetCollection<BsonDocument>(MongoConversationStore.ConversationsCollection).Indexes.CreateOneAsync(
                DirectConversationIndex.Model, cancellationToken: cancellationToken);
            await database.GetCollection<BsonDocument>(MongoConversationStore.MembersCollection).Indexes.CreateManyAsync(
                [
                    new CreateIndexModel<BsonDocument>(
                        keys.Ascending(MongoConversationStore.ConversationIdField).Ascending(MongoConversationStore.UserIdField),
                        new CreateIndexOptions { Name = "conversationId_userId_unique", Unique = true }),
                    new CreateIndexModel<BsonDocument>(
                        keys.Ascending(MongoConversationStore.UserIdField).Ascending(MongoConversationStore.ConversationIdField),
                        new CreateIndexOptions { Name = "userId_conversationId" }),
                ],
                cancellationToken);
            await database.GetCollection<BsonDocument>(MongoConversationStore.MessagesCollection).Indexes.CreateManyAsync(
                [
                    new CreateIndexModel<BsonDocument>(
                        keys.Ascending(MongoConversationStore.ConversationIdField).Ascending(MongoConversationStore.SeqField),
                        new CreateIndexOptions { Name = "conversationId_seq_unique", Unique = true }),
                    // Every step runs on every start, so this step names the (conversation, sender) key of step 5:
                    // were it to create the old key again, a database holding two senders' messages with one client
                    // message id could not start.
                    ClientMessageIdIndex,
                    new CreateIndexModel<BsonDocument>(
                        keys.Ascending(MongoConversationStore.ConversationIdField).Ascending(MongoConversationStore.VersionField),
                        new CreateIndexOptions { Name = "conversationId_version" }),
                    new CreateIndexModel<BsonDocument>(
                        keys.Text(MongoConversationStore.TextField),
                        new CreateIndexOptions { Name = "text", DefaultLanguage = "none" }),
                ],
                cancellationToken);
            // Names step 8's index, as step 3 does for step 5's: see there.
            await database.GetCollection<BsonDocument>(MongoOutbox.CollectionName).Indexes.CreateOneAsync(
                OutboxPendingIndex.Model, cancellationToken: cancellationToken);
        },
        // 4: the public channel directory: a partial index of public channels in (normalizedName, _id) page order,
        // and normalizedName for the channels written before it existed.
        async (database, cancellationToken) =>
        {
            var conversations = database.GetCollection<BsonDocument>(MongoConversationStore.ConversationsCollection);
            await conversations.Indexes.CreateOneAsync(PublicChannelIndex.Model, cancellationToken: cancellationToken);
            await ChannelNameBackfill.RunAsync(conversations, ChannelNameBackfill.ChannelsMissingName, cancellationToken);
        },
        // 5: a client message id is unique per (conversation, sender), not per conversation: with the narrower key a
        // member who reused another's id got that member's message back and their own text was dropped. The new index
        // (created by step 3 from now on, and wider, so every existing document fits it) replaces the old one.
        async (database, cancellationToken) =>
        {
            var messages = database.GetCollection<BsonDocument>(MongoConversationStore.MessagesCollection);
            await messages.Indexes.CreateOneAsync(ClientMessageIdIndex, cancellationToken: cancellationToken);
            await DropReplacedIndexAsync(messages, PerConversationClientMessageIdIndex, cancellationToken);
        },
        // 6: attachments: the download's access check finds the messages carrying a file id (multikey; sparse, so
        // messages without attachments take no index space).
        (database, cancellationToken) => database.GetCollection<BsonDocument>(MongoConversationStore.MessagesCollection).Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(
                Builders<BsonDocument>.IndexKeys.Ascending($"{MongoConversationStore.AttachmentsField}.{MongoConversationStore.FileIdField}"),
                new CreateIndexOptions { Name = "attachments_fileId", Sparse = true }),
            cancellationToken: cancellationToken),
        // 7: threads: a thread's replies by seq (partial: top-level messages carry no threadId and take no index space;
        // sparse would not do, since every message has a seq).
        (database, cancellationToken) => database.GetCollection<BsonDocument>(MongoConversationStore.MessagesCollection).Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(
                Builders<BsonDocument>.IndexKeys.Ascending(MongoConversationStore.ThreadIdField).Ascending(MongoConversationStore.SeqField),
                new CreateIndexOptions<BsonDocument>
                {
                    Name = "threadId_seq",
                    PartialFilterExpression = Builders<BsonDocument>.Filter.Type(MongoConversationStore.ThreadIdField, BsonType.String),
                }),
            cancellationToken: cancellationToken),
        // 8: the relay's pending query sorts by (createdAt, _id); the (publishedAt, createdAt) index left the _id
        // tie-break to an in-memory sort of the whole backlog. The wider index replaces it (it serves the purge too).
        async (database, cancellationToken) =>
        {
            var outbox = database.GetCollection<BsonDocument>(MongoOutbox.CollectionName);
            await outbox.Indexes.CreateOneAsync(OutboxPendingIndex.Model, cancellationToken: cancellationToken);
            await DropReplacedIndexAsync(outbox, OutboxPendingIndex.ReplacedName, cancellationToken);
        },
    ];

    public static int CurrentVersion => Steps.Count;

    private const string IndexNotFound = "IndexNotFound";
    private const string PerConversationClientMessageIdIndex = "conversationId_clientMessageId_unique";

    private static async Task DropReplacedIndexAsync(
        IMongoCollection<BsonDocument> collection, string name, CancellationToken cancellationToken)
    {
        try
        {
            await collection.Indexes.DropOneAsync(name, cancellationToken);
        }
        catch (MongoCommandException e) when (e.CodeName is IndexNotFound)
        {
            // A database created after the change, or another replica dropped it first.
        }
    }

    private static CreateIndexModel<BsonDocument> ClientMessageIdIndex => new(
        Builders<BsonDocument>.IndexKeys
            .Ascending(MongoConversationStore.ConversationIdField)
            .Ascending(MongoConversationStore.SenderIdField)
            .Ascending(MongoConversationStore.ClientMessageIdField),
        new CreateIndexOptions { Name = "conversationId_senderId_clientMessageId_unique", Unique = true });
}
