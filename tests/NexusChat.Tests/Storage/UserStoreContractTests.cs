using NexusChat.Storage.Accounts;

namespace NexusChat.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IUserStore"/> provider promises. Each provider's test class derives from this
/// and supplies initialized stores over fresh databases; a provider whose server is not available skips every
/// test with the reason.
/// </summary>
public abstract partial class UserStoreContractTests
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An initialized store over <paramref name="database"/>, empty on first use. Each call is a separate store
    /// (as each replica has its own) reaching the same database for the same key.
    /// </summary>
    protected abstract Task<IUserStore> CreateStoreAsync(string database);

    protected static CancellationToken TestTimeout() => new CancellationTokenSource(Timeout).Token;

    [SkippableFact]
    public async Task ACreatedUserIsFoundByIdAndByNormalizedUsername()
    {
        var store = await CreateStoreAsync(NewDatabase());
        var user = NewUser("Ana", "Ana Lima");

        Assert.True(await store.TryCreateAsync(user, TestTimeout()));

        AssertSameUser(user, await store.FindByIdAsync(user.Id, TestTimeout()));
        AssertSameUser(user, await store.FindByNormalizedUsernameAsync("ANA", TestTimeout()));
    }

    [SkippableFact]
    public async Task ASecondUserWithTheSameNormalizedUsernameIsRefusedAndTheFirstIsUnchanged()
    {
        var store = await CreateStoreAsync(NewDatabase());
        var first = NewUser("ana", "First");
        await store.TryCreateAsync(first, TestTimeout());

        Assert.False(await store.TryCreateAsync(NewUser("ANA", "Second"), TestTimeout()));

        AssertSameUser(first, await store.FindByNormalizedUsernameAsync("ANA", TestTimeout()));
    }

    [SkippableFact]
    public async Task OfReplicasRegisteringTheSameUsernameAtOnceExactlyOneSucceeds()
    {
        var database = NewDatabase();
        var replicas = new List<IUserStore>();
        for (var i = 0; i < 8; i++)
        {
            replicas.Add(await CreateStoreAsync(database));
        }

        var results = await Task.WhenAll(replicas.Select((replica, i) =>
            Task.Run(() => replica.TryCreateAsync(NewUser("race", $"Racer {i}"), TestTimeout()))));

        Assert.Single(results, created => created);
    }

    [SkippableFact]
    public async Task UpdatingAProfileChangesOnlyTheGivenFields()
    {
        var store = await CreateStoreAsync(NewDatabase());
        var user = NewUser("ana", "Ana");
        await store.TryCreateAsync(user, TestTimeout());

        var renamed = await store.UpdateProfileAsync(user.Id, "Ana Lima", null, TestTimeout());
        var away = await store.UpdateProfileAsync(user.Id, null, "away", TestTimeout());

        AssertSameUser(user with { DisplayName = "Ana Lima" }, renamed);
        AssertSameUser(user with { DisplayName = "Ana Lima", StatusMessage = "away" }, away);
        AssertSameUser(away!, await store.FindByIdAsync(user.Id, TestTimeout()));
    }

    [SkippableFact]
    public async Task UpdatingTheProfileOfAnUnknownUserReturnsNull()
    {
        var store = await CreateStoreAsync(NewDatabase());

        Assert.Null(await store.UpdateProfileAsync(Guid.NewGuid().ToString("N"), "Nobody", "gone", TestTimeout()));
    }

    [SkippableFact]
    public async Task UpdatingThePasswordHashReplacesIt()
    {
        var store = await CreateStoreAsync(NewDatabase());
        var user = NewUser("ana", "Ana");
        await store.TryCreateAsync(user, TestTimeout());

        await store.UpdatePasswordHashAsync(user.Id, "rehashed", TestTimeout());

        AssertSameUser(user with { PasswordHash = "rehashed" }, await store.FindByIdAsync(user.Id, TestTimeout()));
    }

    [SkippableFact]
    public async Task SearchMatchesAUsernamePrefixOrADisplayNamePrefixInUsernameOrder()
    {
        var store = await CreateStoreAsync(NewDatabase());
        await CreateAllAsync(store,
            NewUser("bob", "Robert"),
            NewUser("zed", "Bobby Tables"),
            NewUser("bobcat", "Cat"),
            NewUser("alice", "Alice"),
            NewUser("carl", "Ro Bob"));

        var found = await store.SearchAsync("BOB", null, 10, TestTimeout());

        Assert.Equal(["BOB", "BOBCAT", "ZED"], found.Select(u => u.NormalizedUsername));
    }

    [SkippableFact]
    public async Task SearchTreatsPercentAndUnderscoreLiterally()
    {
        var store = await CreateStoreAsync(NewDatabase());
        await CreateAllAsync(store,
            NewUser("a_b", "Underscore"),
            NewUser("axb", "Any character"),
            NewUser("a%c", "Percent"),
            NewUser("abc", "Any run"),
            NewUser("x", "A.B"),
            NewUser("y", "AXB"));

        Assert.Equal(["A_B"], (await store.SearchAsync("A_", null, 10, TestTimeout())).Select(u => u.NormalizedUsername));
        Assert.Equal(["A%C"], (await store.SearchAsync("A%", null, 10, TestTimeout())).Select(u => u.NormalizedUsername));
        Assert.Equal(["X"], (await store.SearchAsync("A.", null, 10, TestTimeout())).Select(u => u.NormalizedUsername));
    }

    [SkippableFact]
    public async Task SearchPagesAfterTheGivenUsernameAndReturnsAtMostTheLimit()
    {
        var store = await CreateStoreAsync(NewDatabase());
        await CreateAllAsync(store, [.. new[] { "sam5", "sam1", "sam4", "sam2", "sam3", "other" }.Select(n => NewUser(n, n))]);

        var firstPage = await store.SearchAsync("SAM", null, 2, TestTimeout());
        var secondPage = await store.SearchAsync("SAM", firstPage[^1].NormalizedUsername, 2, TestTimeout());
        var lastPage = await store.SearchAsync("SAM", secondPage[^1].NormalizedUsername, 2, TestTimeout());

        Assert.Equal(["SAM1", "SAM2"], firstPage.Select(u => u.NormalizedUsername));
        Assert.Equal(["SAM3", "SAM4"], secondPage.Select(u => u.NormalizedUsername));
        Assert.Equal(["SAM5"], lastPage.Select(u => u.NormalizedUsername));
    }

    [SkippableFact]
    public async Task AnUnknownIdOrUsernameFindsNobody()
    {
        var store = await CreateStoreAsync(NewDatabase());
        await store.TryCreateAsync(NewUser("ana", "Ana"), TestTimeout());

        Assert.Null(await store.FindByIdAsync(Guid.NewGuid().ToString("N"), TestTimeout()));
        Assert.Null(await store.FindByNormalizedUsernameAsync("NOBODY", TestTimeout()));
    }

    private static UserRecord NewUser(string username, string displayName) => new(
        Id: Guid.NewGuid().ToString("N"),
        Username: username,
        NormalizedUsername: username.ToUpperInvariant(),
        DisplayName: displayName,
        StatusMessage: "",
        PasswordHash: $"hash-of-{username}",
        // A non-UTC offset, so a provider that loses the instant while normalising to UTC fails.
        CreatedAt: new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2)).AddTicks(8979));

    private static async Task CreateAllAsync(IUserStore store, params UserRecord[] users)
    {
        foreach (var user in users)
        {
            Assert.True(await store.TryCreateAsync(user, TestTimeout()));
        }
    }

    // Stores keep instants to the millisecond at best (BSON dates), so that is what survives a round trip.
    private static void AssertSameUser(UserRecord expected, UserRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { CreatedAt = default }, actual with { CreatedAt = default });
        Assert.Equal(expected.CreatedAt.ToUnixTimeMilliseconds(), actual.CreatedAt.ToUnixTimeMilliseconds());
    }

    private static string NewDatabase() => $"users_{Guid.NewGuid():N}";
}
