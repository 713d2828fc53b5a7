using NexusChat.Storage;

namespace NexusChat.Tests.Storage;

/// <summary>
/// The behaviour every store provider promises. Each provider's test class derives from this and supplies fresh,
/// isolated stores; a provider whose server is not available skips every test with the reason.
/// </summary>
public abstract class StoreContractTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A store over a fresh, empty database. Several calls with the same key reach the same database.</summary>
    protected abstract IStoreLifecycle CreateStore(string database);

    protected static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    [SkippableFact]
    public async Task AFreshStoreHasNoSchemaUntilInitialized()
    {
        var store = CreateStore(NewDatabase());

        Assert.Equal(0, await store.GetSchemaVersionAsync(TestTimeout()));
    }

    [SkippableFact]
    public async Task InitializingBringsTheStoreToTheCurrentSchemaVersion()
    {
        var store = CreateStore(NewDatabase());

        await store.InitializeAsync(TestTimeout());

        Assert.Equal(CurrentSchemaVersion, await store.GetSchemaVersionAsync(TestTimeout()));
    }

    [SkippableFact]
    public async Task InitializingAgainChangesNothing()
    {
        var store = CreateStore(NewDatabase());
        await store.InitializeAsync(TestTimeout());

        await store.InitializeAsync(TestTimeout());

        Assert.Equal(CurrentSchemaVersion, await store.GetSchemaVersionAsync(TestTimeout()));
    }

    [SkippableFact]
    public async Task ManyReplicasInitializingAtOnceAllSucceed()
    {
        var database = NewDatabase();
        var replicas = Enumerable.Range(0, 8).Select(_ => CreateStore(database)).ToList();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitializeAsync(TestTimeout()))));

        foreach (var replica in replicas)
        {
            Assert.Equal(CurrentSchemaVersion, await replica.GetSchemaVersionAsync(TestTimeout()));
        }
    }

    [SkippableFact]
    public async Task AnInitializedStoreAnswersPings()
    {
        var store = CreateStore(NewDatabase());
        await store.InitializeAsync(TestTimeout());

        await store.PingAsync(TestTimeout());
    }

    protected abstract int CurrentSchemaVersion { get; }

    private static string NewDatabase() => $"contract_{Guid.NewGuid():N}";
}
