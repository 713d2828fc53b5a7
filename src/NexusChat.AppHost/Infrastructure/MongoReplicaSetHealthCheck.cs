using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Initiates the replica set the first time its first member answers, then reports healthy once a primary
/// is elected. Initiation lives here because it must wait for the members to listen, which is exactly what
/// the health-check loop already polls for; <c>replSetInitiate</c> on an initiated set is refused harmlessly. A set
/// whose stored config names other addresses than its members have now is moved to them (see <see cref="MongoMemberPorts"/>).
/// </summary>
public sealed class MongoReplicaSetHealthCheck(string setName, IReadOnlyList<string> members) : IHealthCheck
{
    private const int NotYetInitialized = 94;
    private const int AlreadyInitialized = 23;
    private const int InvalidReplicaSetConfig = 93;

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
        catch (MongoCommandException e) when (e.Code == InvalidReplicaSetConfig)
        {
            // The member is not at the address the stored config names (a port chosen anew since the volume was
            // written): no majority can form under that config, so only a forced reconfig moves it.
            return await MoveMembersAsync(admin, cancellationToken)
                ? HealthCheckResult.Unhealthy($"replica set {setName} moved to {string.Join(", ", members)}; waiting for a primary")
                : HealthCheckResult.Unhealthy($"replica set {setName} config is invalid: {e.Message}");
        }
    }

    private async Task<bool> MoveMembersAsync(IMongoDatabase admin, CancellationToken cancellationToken)
    {
        var current = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("replSetGetConfig", 1), cancellationToken: cancellationToken);
        if (ReplicaSetConfig.MovedTo(current["config"].AsBsonDocument, members) is not { } moved)
        {
            return false;
        }

        await admin.RunCommandAsync<BsonDocument>(
            new BsonDocument { ["replSetReconfig"] = moved, ["force"] = true }, cancellationToken: cancellationToken);
        return true;
    }

    private async Task InitiateAsync(IMongoDatabase admin, CancellationToken cancellationToken)
    {
        var config = ReplicaSetConfig.Initial(setName, members);
        try
        {
            await admin.RunCommandAsync<BsonDocument>(new BsonDocument("replSetInitiate", config), cancellationToken: cancellationToken);
        }
        catch (MongoCommandException e) when (e.Code == AlreadyInitialized)
        {
        }
    }
}
