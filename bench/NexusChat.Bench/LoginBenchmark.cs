using System.Diagnostics;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;

namespace NexusChat.Bench;

/// <summary>
/// Sequential logins through the gateway, one at a time, timing each round trip: what a user feels when signing
/// in (password hashing dominates). Needs the login rate limits raised for the run, or it measures 429s.
/// </summary>
public static class LoginBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(30) };
        var username = $"bench{Guid.NewGuid():N}"[..24];
        const string password = "benchmark password";
        using (var register = await http.PostAsJsonAsync("/api/auth/register", new RegisterRequest(username, "Bench", password)))
        {
            register.EnsureSuccessStatusCode();
        }

        // Warm-up: JIT, connection pool, first hash.
        for (var i = 0; i < 20; i++)
        {
            (await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password))).EnsureSuccessStatusCode();
        }

        var timings = new List<double>(arguments.Count);
        var errors = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < arguments.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/auth/login", new LoginRequest(username, password));
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            errors += response.IsSuccessStatusCode ? 0 : 1;
        }

        timings.Sort();
        Console.WriteLine($"logins: {arguments.Count} sequential through {arguments.Url} in {total.Elapsed.TotalSeconds:0.0} s, errors: {errors}");
        Console.WriteLine($"latency ms: p50 {Percentiles.Of(timings, 50):0.0}  p90 {Percentiles.Of(timings, 90):0.0}  p99 {Percentiles.Of(timings, 99):0.0}  max {timings[^1]:0.0}");
        return errors == 0 ? 0 : 1;
    }
}
