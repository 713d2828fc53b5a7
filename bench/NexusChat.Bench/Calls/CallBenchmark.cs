using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using NexusChat.Bench.Realtime;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Bench.Calls;

/// <summary>
/// <c>calls</c>: <see cref="CallArguments.Calls"/> 1:1 calls signaled at once through the hub, caller and callee on
/// different realtime replicas (<c>--realtime direct</c>), all held together and then hung up; then
/// <see cref="CallArguments.Relayed"/> relayed media sessions through coturn at once. See bench/README.md, "Calls".
/// </summary>
public static class CallBenchmark
{
    public static async Task<int> RunAsync(CallArguments arguments)
    {
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromMinutes(2) };
        var hubs = arguments.DirectReplicas ? ServerProcesses.DirectRealtimeHubs(arguments.Url) : [new Uri(arguments.Url, "/hubs/chat")];
        Console.WriteLine($"calls: {arguments.Calls} 1:1 calls over {hubs.Count} hub address(es), {arguments.Relayed} relayed sessions");

        var pairs = new CallPair[arguments.Calls];
        using (var gate = new SemaphoreSlim(arguments.SetupConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, arguments.Calls).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var caller = await BenchAccounts.RegisterAsync(http, "caller", $"Caller {i}");
                    var callee = await BenchAccounts.RegisterAsync(http, "callee", $"Callee {i}");
                    pairs[i] = new CallPair(caller, callee, hubs[i % hubs.Count], hubs[(i + 1) % hubs.Count], arguments.Candidates)
                    {
                        ConversationId = await DirectAsync(http, caller, callee),
                    };
                    await pairs[i].ConnectAsync(CancellationToken.None);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var failures = new Dictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var setups = await Task.WhenAll(pairs.Select(p => Outcome(p.SetUpAsync)));
        var held = setups.Count(s => s.Failure is null);
        Console.WriteLine($"set up {held}/{arguments.Calls} calls in {clock.Elapsed.TotalSeconds:F1} s, all held at once");
        var hangUps = await Task.WhenAll(pairs.Select(p => Outcome(async () => { await p.HangUpAsync(); return 0; })));
        foreach (var failure in setups.Concat(hangUps).Select(o => o.Failure).OfType<string>())
        {
            failures[failure] = failures.GetValueOrDefault(failure) + 1;
        }

        var times = setups.Where(s => s.Failure is null).Select(s => s.Value).Order().ToList();
        if (times.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"setup (start → answer at the caller): p50 {Percentiles.Of(times, 50):F1} ms, p99 {Percentiles.Of(times, 99):F1} ms, max {times[^1]:F1} ms"));
        }

        Console.WriteLine(failures.Count == 0 ? "failures: none" : "failures: " + string.Join(", ", failures.Select(f => $"{f.Key} × {f.Value}")));
        await Task.WhenAll(pairs.Select(p => p.DisposeAsync().AsTask()));
        await RelayAsync(http, pairs, arguments);
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task RelayAsync(HttpClient http, CallPair[] pairs, CallArguments arguments)
    {
        if (arguments.Relayed == 0)
        {
            return;
        }

        // Each session with another user's credentials: coturn's per-user quota (12 allocations) is per person.
        var sessions = await Task.WhenAll(pairs.Take(arguments.Relayed).Select(p =>
            RelayedMedia.RunAsync(http, p.Caller.AccessToken, arguments, CancellationToken.None)));
        var ok = sessions.Where(s => s.Failure is null).ToList();
        foreach (var failure in sessions.Select(s => s.Failure).OfType<string>().GroupBy(f => f))
        {
            Console.WriteLine($"relay failures: {failure.Key} × {failure.Count()}");
        }

        if (ok.Count == 0)
        {
            return;
        }

        var received = ok.Sum(s => s.ReceivedBytes);
        var seconds = ok.Max(s => s.Seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relayed: {ok.Count}/{sessions.Length} sessions (2 relays each), {received / 1e6:F1} MB received in {seconds:F0} s = " +
            $"{received * 8 / seconds / 1e6:F1} Mbit/s through coturn; loss mean {ok.Average(s => s.LossPercent):F2} % max {ok.Max(s => s.LossPercent):F2} %; " +
            $"sent {ok.Sum(s => s.SentBytes) / 1e6:F1} MB; round trip mean {ok.Average(s => s.RoundTripMs):F1} ms"));
    }

    private static async Task<(double Value, string? Failure)> Outcome(Func<Task<double>> work)
    {
        try
        {
            return (await work(), null);
        }
        catch (CallFailure failure)
        {
            return (0, failure.Message);
        }
        catch (TimeoutException)
        {
            return (0, "timeout");
        }
        catch (Exception exception) when (exception is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
        {
            return (0, $"error {exception.GetType().Name}");
        }
    }

    private static async Task<string> DirectAsync(HttpClient http, AuthResponse caller, AuthResponse callee)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations")
        {
            Content = JsonContent.Create(new CreateConversationRequest("direct", null, null, null, [callee.User.Id])),
        };
        request.Headers.Authorization = new("Bearer", caller.AccessToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConversationDto>())!.Id;
    }
}
