using Microsoft.AspNetCore.SignalR.Client;

namespace NexusChat.Client;

/// <summary>
/// Reconnect delays: the first retry within <see cref="FirstRetryWindow"/> (a replica died, the gateway has
/// another), then doubling from <see cref="Initial"/> up to <see cref="Max"/>. Every delay is jittered so thousands
/// of clients dropped by one dead replica do not land on the survivors in the same instant.
/// </summary>
public sealed class BackoffRetryPolicy : IRetryPolicy
{
    public TimeSpan FirstRetryWindow { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan Initial { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Set when retrying is pointless (the session was revoked, the app stopped the connection).</summary>
    internal Func<bool> KeepTrying { get; set; } = () => true;

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        KeepTrying() && !IsUnauthorized(retryContext.RetryReason) ? Delay(retryContext.PreviousRetryCount, Random.Shared) : null;

    /// <summary>A refused token does not get better by retrying; the app must sign in again.</summary>
    internal static bool IsUnauthorized(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HubUnauthorizedException)
            {
                return true;
            }
        }

        return false;
    }

    public TimeSpan Delay(long previousAttempts, Random random)
    {
        if (previousAttempts == 0)
        {
            return FirstRetryWindow * random.NextDouble();
        }

        var exponent = Math.Min(previousAttempts - 1, 20);
        var backoff = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        // ±20 %: spreads a reconnect storm without making any single wait much longer than planned.
        return TimeSpan.FromMilliseconds(backoff * (0.8 + (0.4 * random.NextDouble())));
    }
}
