using StackExchange.Redis;

namespace NexusChat.Conversations.Live;

/// <summary>
/// Which changes the live path has pushed, so the event bus's backstop pushes only what it missed (the accepting
/// replica died between commit and push, or Redis failed it) and members get each change once in the normal case.
/// A marker is written after the push succeeded and lives for <see cref="Lifetime"/>: an event the backstop handles
/// later than that (a broker outage longer than it) is pushed again, and clients drop it by seq and version.
/// </summary>
public sealed class LiveMarkers(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after a change the backstop waits for the live path's marker before pushing itself. The live push
    /// normally lands within milliseconds of the commit, while the outbox → broker → consumer route takes longer;
    /// only an event that overtakes its live push waits, and only that long.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>Every message change takes a new conversation version, so (conversation, version) names it.</summary>
    public static string ForMessage(string conversationId, long version) => $"nexuschat:live:{conversationId}:v{version}";

    public static string ForReadState(string conversationId, string userId, long lastReadSeq) =>
        $"nexuschat:live:{conversationId}:read:{userId}:{lastReadSeq}";

    /// <summary>Fire and forget: a lost marker costs one duplicate push, which clients drop.</summary>
    public void Pushed(string marker) =>
        redis.GetDatabase().StringSet(marker, RedisValue.EmptyString, Lifetime, flags: CommandFlags.FireAndForget);

    /// <summary>
    /// Whether the live path pushed the change that happened at <paramref name="happenedAt"/>; waits out the rest of
    /// <see cref="Grace"/> first when the marker is missing and the change is that young.
    /// </summary>
    public async Task<bool> WasPushedAsync(string marker, DateTimeOffset happenedAt, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (await database.KeyExistsAsync(marker))
        {
            return true;
        }

        var wait = happenedAt + Grace - DateTimeOffset.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            return false;
        }

        await Task.Delay(wait, cancellationToken);
        return await database.KeyExistsAsync(marker);
    }
}
