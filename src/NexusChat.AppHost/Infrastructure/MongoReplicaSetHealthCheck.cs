using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Initiates the replica set the first time its first member answers, then reports healthy once a primary
/// is elected. Initiation lives here because it must wait for the members to listen, which is exactly what
/// the health-check loop already polls for; <c>replSetInitiate</c> on an initiated set is refused harmlessly.
/// </summary>
public sealed class MongoReplicaSetHealthCheck(string setName, IReadOnlyList<string> members) : IHealthCheck
{
    private const int NotYetInitialized = 94;
    private const int AlreadyInitialized = 23;

    private readonly MongoClient _firstMember = new(new MongoClientSettings
    {
        Server = MongoServerAddress.Parse(members[0]),
        DirectConnection = true,
        ServerSelectionTimeout = TimeSpan.FromSeconds(2),
    });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var admin = _firstMember.GetDatabase("admin");
        try
        {
            var status = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("replSetGetStatus", 1), cancellationToken: cancellationToken);
            var primary = status["members"].AsBsonArray.Any(m => m["stateStr"].AsString == "PRIMARY");
            return primary ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("electing a primary");
        }
        catch (MongoCommandException e) when (e.Code == NotYetInitialized)
        {
            await InitiateAsync(admin, cancellationToken);
            return HealthCheckResult.Unhealthy($"replica set {setName} initiated; waiting for a primary");
        }
    }

    private async Task InitiateAsync(IMongoDatabase admin, CancellationToken cancellationToken)
    {
        var config = new BsonDocument
        {
            ["_id"] = setName,
            ["members"] = new BsonArray(members.Select((host, id) => new BsonDocument
            {
                ["_id"] = id,
                ["host"] = host,
                // The first member is preferred as primary so a fresh set elects predictably.
                ["priority"] = id == 0 ? 2 : 1,
            })),
        };
        try
        {
            await admin.RunCommandAsync<BsonDocument>(new BsonDocument("replSetInitiate", config), cancellationToken: cancellationToken);
        }
        catch (MongoCommandException e) when (e.Code == AlreadyInitialized)
        {
        }
    }
}
