using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NexusChat.Identity;
using NexusChat.Identity.Sessions;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Identity;

/// <summary>The session rules against a real redis-server, with a clock the test moves.</summary>
public sealed class SessionStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const int Cap = 3;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task TheUsersSessionIndexExpiresAndEachUseExtendsIt()
    {
        var store = Store();
        var user = NewUser();

        var (_, refreshToken) = await store.CreateAsync(user);

        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(SessionStore.UserSessionsKey(user));
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
        // As if the index were about to lapse: a refresh gives it the full lifetime again.
        await redis.Connection.GetDatabase().KeyExpireAsync(SessionStore.UserSessionsKey(user), TimeSpan.FromMinutes(1));
        Assert.Equal(RefreshResult.Rotated, (await store.RefreshAsync(refreshToken)).Result);
        var extended = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(SessionStore.UserSessionsKey(user));
        Assert.InRange(extended!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    [SkippableFact]
    public async Task SigningInBeyondTheCapEndsTheLeastRecentlyUsedSession()
    {
        var store = Store();
        var user = NewUser();
        var sessions = new List<(string SessionId, string RefreshToken)>();
        for (var i = 0; i < Cap; i++)
        {
            sessions.Add(await store.CreateAsync(user));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The oldest session is used, so the second oldest is the least recently used one.
        var used = await store.RefreshAsync(sessions[0].RefreshToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        var newest = await store.CreateAsync(user);

        Assert.False(await store.IsActiveAsync(sessions[1].SessionId));
        Assert.Equal(RefreshResult.Invalid, (await store.RefreshAsync(sessions[1].RefreshToken)).Result);
        foreach (var live in new[] { sessions[0].SessionId, sessions[2].SessionId, newest.SessionId })
        {
            Assert.True(await store.IsActiveAsync(live));
        }

        Assert.Equal(Cap, await redis.Connection.GetDatabase().SortedSetLengthAsync(SessionStore.UserSessionsKey(user)));
        Assert.Equal(RefreshResult.Rotated, (await store.RefreshAsync(used.RefreshToken!)).Result);
    }

    [SkippableFact]
    public async Task TheSpentTokenAfterTheRetryGraceIsAReplayAndEndsTheSession()
    {
        var store = Store();
        var (sessionId, refreshToken) = await store.CreateAsync(NewUser());
        Assert.Equal(RefreshResult.Rotated, (await store.RefreshAsync(refreshToken)).Result);

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(RefreshResult.Reused, (await store.RefreshAsync(refreshToken)).Result);
        Assert.False(await store.IsActiveAsync(sessionId));
    }

    [SkippableFact]
    public async Task ATokenOlderThanTheLastSpentOneIsRefusedAndEndsNothing()
    {
        var store = Store();
        var (sessionId, first) = await store.CreateAsync(NewUser());
        var second = (await store.RefreshAsync(first)).RefreshToken!;
        var third = (await store.RefreshAsync(second)).RefreshToken!;

        Assert.Equal(RefreshResult.Invalid, (await store.RefreshAsync(first)).Result);
        Assert.True(await store.IsActiveAsync(sessionId));
        Assert.Equal(RefreshResult.Rotated, (await store.RefreshAsync(third)).Result);
    }

    private SessionStore Store()
    {
        RequiredTools.SkipOrFailIfMissing(RedisServerFixture.MissingReason);
        var options = new AuthOptions { SigningKey = "session-store-tests-signing-key-0123456789", MaxSessionsPerUser = Cap };
        return new SessionStore(redis.Connection, Options.Create(options), _time);
    }

    private static string NewUser() => Guid.NewGuid().ToString("N");
}
