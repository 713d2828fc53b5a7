using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace NexusChat.Bench.WebClient;

/// <summary>
/// Time to interactive of the web client's first page: per run a new browser context (empty HTTP cache: cold), then
/// the same page loaded again in that context (warm: files from the cache or revalidated). See bench/README.md.
/// </summary>
public static class TtiBenchmark
{
    public static async Task<int> RunAsync(TtiArguments arguments, IReadOnlyList<string> commandLine)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright, arguments.ChromiumPath);
        Console.WriteLine($"command: dotnet run --project bench/NexusChat.Bench -c Release -- {string.Join(' ', commandLine)}");
        Console.WriteLine($"browser: {arguments.ChromiumPath} {browser.Version}, headless, flags: {string.Join(' ', HeadlessChromium.Flags)}");
        Console.WriteLine("interactive = ms from navigation start until the loading screen is gone and Blazor's \"Sign in\" button is in the DOM,");
        Console.WriteLine("  enabled and visible (checked after each load: typing into Username and clicking \"Create an account\" re-renders)");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        var cold = new List<PageLoad>(arguments.Runs);
        var warm = new List<PageLoad>(arguments.Runs);
        for (var run = 1; run <= arguments.Runs; run++)
        {
            await using var context = await browser.NewContextAsync();
            await context.AddInitScriptAsync(PageLoadProbe.InitScript);
            var page = await context.NewPageAsync();
            cold.Add(await PageLoadProbe.LoadAsync(page, arguments.Url));
            warm.Add(await PageLoadProbe.LoadAsync(page, arguments.Url));
            Console.WriteLine($"run {run}: cold {Describe(cold[^1])}");
            Console.WriteLine($"       warm {Describe(warm[^1])}");
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine($"cold: {Summary(cold)}");
        Console.WriteLine($"warm: {Summary(warm)}");
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(new { url = arguments.Url, browser = browser.Version, cold, warm }));
        return 0;
    }

    private static string Describe(PageLoad load) => string.Create(CultureInfo.InvariantCulture,
        $"interactive {load.Interactive,6:0} ms  FCP {load.FirstContentfulPaint,5:0} ms  _framework downloaded {load.FrameworkDownloaded,6:0} ms  " +
        $"{load.TransferredBytes / 1024.0,7:0.0} KiB transferred ({load.DecodedBytes / 1024.0:0} KiB decoded), {load.Requests} requests, {load.FromCache} from cache; " +
        $"Content-Encoding {string.Join(", ", load.ContentEncodings.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}");

    private static string Summary(IReadOnlyList<PageLoad> loads)
    {
        var interactive = loads.Select(l => l.Interactive).Order().ToList();
        var fcp = loads.Select(l => l.FirstContentfulPaint ?? double.NaN).Order().ToList();
        var bytes = loads.Select(l => (double)l.TransferredBytes).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"interactive median {Percentiles.Of(interactive, 50):0} ms, max {interactive[^1]:0} ms; FCP median {Percentiles.Of(fcp, 50):0} ms, " +
            $"max {fcp[^1]:0} ms; transferred median {Percentiles.Of(bytes, 50) / 1024:0.0} KiB ({loads.Count} runs, median = nearest rank)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
