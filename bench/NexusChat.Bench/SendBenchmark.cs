using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Bench;

/// <summary>
/// Message sends through the gateway into one channel: <c>--clients</c> users each send <c>--count</c> messages one
/// after another, all clients at once. Reports sends/s over the whole run and the latency of each send.
/// </summary>
public static class SendBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        // One HttpClient per simulated client, as separate browsers would have their own connections.
        var clients = new List<(HttpClient Http, AuthResponse Auth)>();
        for (var i = 0; i < arguments.Clients; i++)
        {
            var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(60) };
            clients.Add((http, await BenchAccounts.SignInAsync(http, "send", $"Sender {i}")));
        }

        using var create = await clients[0].Http.PostAsJsonAsync("/api/conversations", new CreateConversationRequest(
            "channel", "bench", null, "private", clients.Skip(1).Select(c => c.Auth.User.Id).ToList()));
        create.EnsureSuccessStatusCode();
        var channel = (await create.Content.ReadFromJsonAsync<ConversationDto>())!;

        var errors = 0;
        var total = Stopwatch.StartNew();
        var timings = await Task.WhenAll(clients.Select((client, index) => Task.Run(async () =>
        {
            var own = new List<double>(arguments.Count);
            for (var i = 0; i < arguments.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.Http.PostAsJsonAsync($"/api/conversations/{channel.Id}/messages",
                    new SendMessageRequest($"benchmark message {i}", $"{index}-{i}", null));
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return own;
        })));
        total.Stop();

        var all = timings.SelectMany(t => t).Order().ToList();
        Console.WriteLine($"sends: {all.Count} from {arguments.Clients} client(s) into one channel through {arguments.Url} in {total.Elapsed.TotalSeconds:0.0} s = {all.Count / total.Elapsed.TotalSeconds:0} sends/s, errors: {errors}");
        Console.WriteLine($"latency ms: p50 {Percentiles.Of(all, 50):0.0}  p90 {Percentiles.Of(all, 90):0.0}  p99 {Percentiles.Of(all, 99):0.0}  max {all[^1]:0.0}");
        foreach (var (http, _) in clients)
        {
            http.Dispose();
        }

        return errors == 0 ? 0 : 1;
    }
}
