using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NexusChat.Realtime.Connections;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Realtime;

/// <summary>Hub connection limits per user and per address, shared by replicas through a real redis-server.</summary>
public sealed class ConnectionQuotaTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private ConnectionQuota Replica(int perUser, int perAddress) => new(
        redis.Connection, Options.Create(new ConnectionLimitOptions { PerUser = perUser, PerAddress = perAddress, Lease = TimeSpan.FromSeconds(60) }),
        _time, NullLogger<ConnectionQuota>.Instance);

    [SkippableFact]
    public async Task AUsersConnectionsBeyondTheCapAreRefusedOnEveryReplicaUntilOneCloses()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var (one, two) = (Replica(3, 100), Replica(3, 100));
        var user = $"user-{Guid.NewGuid():N}";

        var admitted = new[]
        {
            await one.TryAdmitAsync(user, "198.51.100.1", "a"), await two.TryAdmitAsync(user, "198.51.100.2", "b"),
            await one.TryAdmitAsync(user, "198.51.100.3", "c"),
        };
        var refused = await two.TryAdmitAsync(user, "198.51.100.4", "d");
        await one.ReleaseAsync("a");
        var afterClose = await two.TryAdmitAsync(user, "198.51.100.4", "e");

        Assert.All(admitted, r => Assert.Equal(ConnectionQuota.Refusal.None, r));
        Assert.Equal(ConnectionQuota.Refusal.User, refused);
        Assert.Equal(ConnectionQuota.Refusal.None, afterClose);
    }

    [SkippableFact]
    public async Task OneAddressIsCappedAcrossUsers()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var quota = Replica(10, 4);
        var address = $"203.0.113.{Random.Shared.Next(1, 250)}-{Guid.NewGuid():N}";

        var results = new List<ConnectionQuota.Refusal>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await quota.TryAdmitAsync($"user-{Guid.NewGuid():N}", address, $"conn-{i}"));
        }

        Assert.Equal([.. Enumerable.Repeat(ConnectionQuota.Refusal.None, 4), ConnectionQuota.Refusal.Address], results);
    }

    [SkippableFact]
    public async Task ADeadReplicasConnectionsStopCountingWhenTheirLeaseRunsOut()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var (crashed, survivor) = (Replica(2, 100), Replica(2, 100));
        var user = $"user-{Guid.NewGuid():N}";
        await crashed.TryAdmitAsync(user, "198.51.100.9", "x");
        await crashed.TryAdmitAsync(user, "198.51.100.9", "y");

        var whileLeased = await survivor.TryAdmitAsync(user, "198.51.100.9", "z");
        _time.Advance(TimeSpan.FromSeconds(61));
        var afterLease = await survivor.TryAdmitAsync(user, "198.51.100.9", "z");

        Assert.Equal(ConnectionQuota.Refusal.User, whileLeased);
        Assert.Equal(ConnectionQuota.Refusal.None, afterLease);
    }
}
