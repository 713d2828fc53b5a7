using MongoDB.Driver;

namespace NexusChat.Storage.Mongo;

/// <summary>
/// The MongoDB client setup that Aspire.MongoDB.Driver would give us (not in our package source): one client per
/// process, majority writes and reads so nothing acknowledged is lost in an election, retryable writes and reads
/// so the driver rides through a primary failover.
/// </summary>
public static class MongoStoreClient
{
    public const string DatabaseName = "nexuschat";

    public static IMongoDatabase Create(string connectionString, string databaseName = DatabaseName)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.WriteConcern = WriteConcern.WMajority;
        settings.ReadConcern = ReadConcern.Majority;
        settings.RetryWrites = true;
        settings.RetryReads = true;
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(15);
        return new MongoClient(settings).GetDatabase(databaseName);
    }
}
