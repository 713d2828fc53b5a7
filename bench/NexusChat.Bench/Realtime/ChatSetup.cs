using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Bench.Realtime;

/// <summary>The members' access tokens and the private channels they were put in.</summary>
public sealed record ChatPopulation(IReadOnlyList<string> AccessTokens, IReadOnlyList<string> ConversationIds);

/// <summary>
/// Registers the members and creates their private channels through the gateway's REST API, as real users would.
/// Registration hashes a password (≈50 ms of CPU each), which is why devices share users rather than each
/// connection registering its own.
/// </summary>
public static class ChatSetup
{
    public static async Task<ChatPopulation> CreateAsync(RealtimeArguments arguments, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var http = new HttpClient { BaseAddress = arguments.Url, Timeout = TimeSpan.FromSeconds(120) };
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = arguments.Conversations * arguments.Size;
        var users = new AuthResponse[members];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, members),
            new ParallelOptions { MaxDegreeOfParallelism = arguments.SetupConcurrency, CancellationToken = cancellationToken },
            async (member, token) =>
            {
                using var response = await http.PostAsJsonAsync("/api/auth/register",
                    new RegisterRequest($"rt{run}-{member}", $"Load {member}", "benchmark password"), token);
                await EnsureSuccessAsync(response, "register", token);
                users[member] = (await response.Content.ReadFromJsonAsync<AuthResponse>(token))!;
                if (Interlocked.Increment(ref done) % 200 == 0)
                {
                    Console.Error.WriteLine($"[setup] {done}/{members} users registered");
                }
            });

        var conversations = new string[arguments.Conversations];
        for (var c = 0; c < arguments.Conversations; c++)
        {
            var owner = users[c * arguments.Size];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/conversations")
            {
                Content = JsonContent.Create(new CreateConversationRequest("channel", $"load {run} {c}", null, "private",
                    users.Skip((c * arguments.Size) + 1).Take(arguments.Size - 1).Select(u => u.User.Id).ToList())),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.AccessToken);
            using var response = await http.SendAsync(request, cancellationToken);
            await EnsureSuccessAsync(response, "create channel", cancellationToken);
            conversations[c] = (await response.Content.ReadFromJsonAsync<ConversationDto>(cancellationToken))!.Id;
        }

        Console.Error.WriteLine($"[setup] {members} users, {arguments.Conversations} channels in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return new ChatPopulation(users.Select(u => u.AccessToken).ToList(), conversations);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            // A 429 here means the registration limit was not raised for the run (see bench/README.md).
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
