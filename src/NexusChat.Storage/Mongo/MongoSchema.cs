using MongoDB.Driver;

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
    ];

    public static int CurrentVersion => Steps.Count;
}
