namespace NexusChat.Tests.EventBus;

/// <summary>Polls a condition that a background consumer makes true, failing with a message after a timeout.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        TrueAsync(condition, timeout, () => because);

    /// <param name="because">Evaluated on failure, so it can describe the state that was reached.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> because)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {because()}");
            }
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> because) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);
}
