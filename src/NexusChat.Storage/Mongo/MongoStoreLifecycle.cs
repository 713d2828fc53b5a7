using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.Storage.Mongo;

public sealed class MongoStoreLifecycle(IMongoDatabase database) : IStoreLifecycle
{
    private const string InfoCollection = "store_info";
    private const string VersionKey = "schema";

    public string Provider => "mongo";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Index creation is idempotent, so every replica may run every step; $max keeps the version monotonic
        // when replicas of different builds race.
        foreach (var step in MongoSchema.Steps)
        {
            await step(database, cancellationToken);
        }

        await database.GetCollection<BsonDocument>(InfoCollection).UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", VersionKey),
            Builders<BsonDocument>.Update.Max("version", MongoSchema.CurrentVersion),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        var info = await database.GetCollection<BsonDocument>(InfoCollection)
            .Find(Builders<BsonDocument>.Filter.Eq("_id", VersionKey))
            .FirstOrDefaultAsync(cancellationToken);
        return info?["version"].ToInt32() ?? 0;
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: cancellationToken);
}
