using System.ComponentModel;
using System.Diagnostics;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// The realtime protocol is not .NET-only: the official JavaScript SignalR client under Node, one user on JSON and one
/// on MessagePack, sends, receives, retries, syncs and gets typed errors through the gateway. The talking is done by
/// tests/js-client/chat-roundtrip.mjs; this test runs it against the host-mode app.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class JavaScriptClientTests(HostModeAppFixture fixture, ITestOutputHelper output)
{
    // The script may wait out the gateway's per-address registration limit (a one-minute window other tests share).
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheOfficialJavaScriptClientTalksToTheHubOverJsonAndMessagePack()
    {
        var clientDirectory = Path.Combine(RepositoryRoot(), "tests", "js-client");
        Assert.True(Directory.Exists(Path.Combine(clientDirectory, "node_modules")),
            $"{clientDirectory}/node_modules is missing: run ./build.sh test, which installs the JavaScript client with npm ci.");

        var (exitCode, stdout, stderr) = await RunNodeAsync(clientDirectory, "chat-roundtrip.mjs", fixture.WebAddress.ToString());

        // The result line (key casing per protocol, ids, seqs) is worth reading in a passing run's log too.
        output.WriteLine(stdout);
        Assert.True(exitCode == 0, $"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("\"ok\":true", stdout, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunNodeAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not on PATH: run ./build.sh test, which installs nodejs and npm.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node did not exit within {Timeout}.\nstdout:\n{await output}\nstderr:\n{await error}");
            }

            return (process.ExitCode, await output, await error);
        }
    }

    /// <summary>The checkout the tests were built from: the script and its node_modules live there, not in bin.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NexusChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no NexusChat.sln above {AppContext.BaseDirectory}");
    }
}
