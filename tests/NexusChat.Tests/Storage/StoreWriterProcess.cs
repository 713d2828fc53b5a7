using System.Diagnostics;
using System.Text.Json;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Storage;

/// <summary>
/// One tests/NexusChat.StoreWriter process: a replica's worth of concurrent senders on the embedded store, in its own
/// process so that several of them meet at SQLite's file lock as the service processes do.
/// </summary>
internal sealed class StoreWriterProcess : IDisposable
{
    private readonly Process _process;

    private StoreWriterProcess(Process process) => _process = process;

    public static StoreWriterProcess Start(string database, string conversationId, string senderId, int count, string prefix) =>
        new(HelperProgram.Start("StoreWriterPath",
            database, conversationId, senderId, count.ToString(System.Globalization.CultureInfo.InvariantCulture), prefix));

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
