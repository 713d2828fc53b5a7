using System.Diagnostics;
using NexusChat.Tests.Browser;
using NexusChat.Tests.Infrastructure;

namespace NexusChat.Tests.Operations;

/// <summary>
/// The alert rules as Prometheus itself reads them: <c>promtool check rules</c> (syntax, templates) and
/// <c>promtool test rules</c> (deploy/prometheus/alerts.test.yml: each alert fires on its condition after its
/// <c>for</c>, with its labels and annotations, and stays quiet on healthy series).
/// </summary>
public sealed class AlertRuleTests
{
    private static string RulesDirectory => TestArtifacts.InRepository("deploy", "prometheus");

    [SkippableFact]
    public async Task PromtoolAcceptsTheRules()
    {
        var (exitCode, output) = await PromtoolAsync("check", "rules", "alerts.yml");
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task EveryAlertFiresAsItsUnitTestsSay()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "alerts.test.yml");
        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        RequiredTools.SkipOrFailIfMissing(File.Exists("/usr/bin/promtool") ? null : "promtool is not installed (Debian package prometheus).");
        var start = new ProcessStartInfo("/usr/bin/promtool", arguments)
        {
            WorkingDirectory = RulesDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
