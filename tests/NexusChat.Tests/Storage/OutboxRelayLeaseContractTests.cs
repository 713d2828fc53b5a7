using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Embedded;
using NexusChat.Storage.Mongo;
using NexusChat.Storage.Outbox;

namespace NexusChat.Tests.Storage;

/// <summary>The relay lease every store provides: one holder at a time, renewable by it, free once expired or given back.</summary>
public abstract class OutboxRelayLeaseContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Two leases over one database, as two worker processes hold them.</summary>
    protected abstract Task<(IOutboxRelayLease First, IOutboxRelayLease Second)> CreateLeasesAsync(TimeProvider time);

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [SkippableFact]
    public async Task OneWorkerHoldsTheLeaseAndRenewsItWhileTheOtherIsRefused()
    {
        var (first, second) = await CreateLeasesAsync(_time);

        Assert.True(await first.TryAcquireAsync("worker-a", Lease, Timeout()));
        Assert.False(await second.TryAcquireAsync("worker-b", Lease, Timeout()));
        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.True(await first.TryAcquireAsync("worker-a", Lease, Timeout()));
        // Renewed: what would have been its expiry passes and the lease is still taken.
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await second.TryAcquireAsync("worker-b", Lease, Timeout()));
    }

    [SkippableFact]
    public async Task AnExpiredLeaseGoesToTheNextWorkerAndItsFormerHolderCannotRenewIt()
    {
        var (first, second) = await CreateLeasesAsync(_time);
        Assert.True(await first.TryAcquireAsync("worker-a", Lease, Timeout()));

        _time.Advance(Lease + TimeSpan.FromMilliseconds(1));

        Assert.True(await second.TryAcquireAsync("worker-b", Lease, Timeout()));
        Assert.False(await first.TryAcquireAsync("worker-a", Lease, Timeout()));
    }

    [SkippableFact]
    public async Task ALeaseGivenBackIsFreeAtOnceAndOnlyItsHolderCanGiveItBack()
    {
        var (first, second) = await CreateLeasesAsync(_time);
        Assert.True(await first.TryAcquireAsync("worker-a", Lease, Timeout()));

        await second.ReleaseAsync("worker-b", Timeout());
        Assert.False(await second.TryAcquireAsync("worker-b", Lease, Timeout()));
        await first.ReleaseAsync("worker-a", Timeout());

        Assert.True(await second.TryAcquireAsync("worker-b", Lease, Timeout()));
    }
}

public sealed class EmbeddedOutboxRelayLeaseContractTests : OutboxRelayLeaseContractTests, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-lease-").FullName;

    protected override async Task<(IOutboxRelayLease First, IOutboxRelayLease Second)> CreateLeasesAsync(TimeProvider time)
    {
        var path = Path.Combine(_folder, "store.db");
        var connections = new SqliteConnectionFactory(path);
        await new SqliteStoreLifecycle(connections).InitializeAsync(CancellationToken.None);
        // Each lease gets its own factory over the same file, as each worker process would.
        return (new SqliteOutboxRelayLease(connections, time), new SqliteOutboxRelayLease(new SqliteConnectionFactory(path), time));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The lease contract on a real MongoDB replica set (skipped without one, see <see cref="MongoTestDatabases"/>).</summary>
public sealed class MongoOutboxRelayLeaseContractTests : OutboxRelayLeaseContractTests, IDisposable
{
    private readonly MongoTestDatabases _databases = new();

    protected override async Task<(IOutboxRelayLease First, IOutboxRelayLease Second)> CreateLeasesAsync(TimeProvider time)
    {
        var mongo = _databases.Create($"lease_{Guid.NewGuid():N}", "outbox relay lease");
        await new MongoStoreLifecycle(mongo).InitializeAsync(CancellationToken.None);
        return (new MongoOutboxRelayLease(mongo, time), new MongoOutboxRelayLease(mongo, time));
    }

    public void Dispose() => _databases.Dispose();
}
