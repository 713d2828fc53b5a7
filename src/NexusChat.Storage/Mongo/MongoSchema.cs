using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.Storage.Accounts;

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
    ];

    public static int CurrentVersion => Steps.Count;
}
