using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Backups;

/// <summary>The worker's <c>restore</c> command, run as the operator runs it: the worker's own build, in a process of its own.</summary>
internal static class RestoreProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var process = HelperProgram.Start("WorkerPath", ["restore", .. arguments]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
