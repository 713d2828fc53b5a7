using NexusChat.Storage.Conversations;

namespace NexusChat.Storage.Mongo.Contention;

/// <summary>
/// Retries a transaction that lost a write conflict, with capped exponential back-off and full jitter, for at most
/// <see cref="Budget"/> in all. The driver's own WithTransaction retries at once and for up to 120 s, so losers of a
/// busy conversation retried in lockstep and kept conflicting; spread out, most commit on the next try, and what
/// cannot commit in time fails with <see cref="ConversationBusyException"/> instead of holding a request for minutes.
/// The budget bounds the retries, not an attempt: an attempt during an election still waits for a primary for up to
/// the client's server-selection timeout, so a failover is ridden through as before.
/// </summary>
/// <param name="clock">Measures the budget.</param>
/// <param name="pause">Waits between attempts (a test advances its fake clock instead).</param>
/// <param name="jitter">A fraction in [0, 1) of each capped delay to wait.</param>
public sealed class ConflictBackoff(TimeProvider clock, Func<TimeSpan, CancellationToken, Task> pause, Func<double> jitter)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(250);

    public static ConflictBackoff System { get; } =
        new(TimeProvider.System, (delay, cancellationToken) => Task.Delay(delay, cancellationToken), Random.Shared.NextDouble);

    public TimeProvider Clock => clock;

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for another reason, or the budget is spent.</summary>
    /// <param name="startedAt">A <see cref="TimeProvider.GetTimestamp"/> of the clock, when the budget began (waiting
    /// for the conversation's turn counts too).</param>
    public async Task<T> RunAsync<T>(
        string key, long startedAt, Func<CancellationToken, Task<T>> attempt, Func<Exception, bool> isConflict, CancellationToken cancellationToken)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (Exception e) when (isConflict(e))
            {
                var delay = DelayAfter(failures);
                if (clock.GetElapsedTime(startedAt) + delay >= Budget)
                {
                    throw Busy(key, e);
                }

                await pause(delay, cancellationToken);
            }
        }
    }

    public static ConversationBusyException Busy(string key, Exception? lastConflict = null) => new(key, TimeSpan.FromSeconds(1), lastConflict);

    private TimeSpan DelayAfter(int failures)
    {
        var cap = Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(failures, 16));
        return TimeSpan.FromTicks((long)(cap * jitter()));
    }
}
