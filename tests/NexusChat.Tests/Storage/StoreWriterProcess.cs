using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace NexusChat.Tests.Storage;

/// <summary>
/// One tests/NexusChat.StoreWriter process: a replica's worth of concurrent senders on the embedded store, in its own
/// process so that several of them meet at SQLite's file lock as the service processes do.
/// </summary>
internal sealed class StoreWriterProcess : IDisposable
{
    private readonly Process _process;

    private StoreWriterProcess(Process process) => _process = process;

    /// <summary>Where the build put the writer (the test project builds it, see NexusChat.Tests.csproj).</summary>
    public static string WriterPath { get; } = typeof(StoreWriterProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StoreWriterPath").Value!;

    public static StoreWriterProcess Start(string database, string conversationId, string senderId, int count, string prefix)
    {
        Assert.True(File.Exists(WriterPath), $"{WriterPath} is missing: build NexusChat.sln (or the test project) first.");
        // The host that runs the tests (set by the SDK), so the writer runs on the same runtime.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WriterPath, database, conversationId, senderId, count.ToString(System.Globalization.CultureInfo.InvariantCulture), prefix })
        {
            start.ArgumentList.Add(argument);
        }

        return new StoreWriterProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the writer has opened the store and waits for the start signal.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != "ready")
        {
            Assert.Fail($"The store writer did not start ({line}): {await _process.StandardError.ReadToEndAsync(cancellationToken)}");
        }
    }

    public async Task StartSendingAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Every answer the writer printed, once it exited 0.</summary>
    public async Task<IReadOnlyList<WriterAnswer>> AnswersAsync(CancellationToken cancellationToken)
    {
        var output = _process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = _process.StandardError.ReadToEndAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
        Assert.True(_process.ExitCode == 0, $"The store writer exited with {_process.ExitCode}: {await errors}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<WriterAnswer>(line, JsonSerializerOptions.Web)!)
            .ToList();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

/// <summary>One answer of the store as the writer prints it; <paramref name="Retry"/> marks the second send of an id.</summary>
internal sealed record WriterAnswer(bool Retry, string ClientMessageId, string MessageId, long Seq, bool Created, string? Text);
