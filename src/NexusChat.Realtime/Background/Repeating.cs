namespace NexusChat.Realtime.Background;

/// <summary>
/// Housekeeping that runs on its own clock on every replica (presence renewals and sweeps, call renewals and sweeps):
/// a failed round (Redis down) is reported and the next tick tries again; only stopping ends the loop.
/// </summary>
public static class Repeating
{
    public static async Task RunAsync(
        TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> work, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failed(exception);
            }
        }
    }
}
