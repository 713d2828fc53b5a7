using System.Net.Http.Headers;
using System.Net.Http.Json;
using NexusChat.Contracts.Accounts;

namespace NexusChat.Bench;

/// <summary>Accounts the benchmarks make for themselves, as a person would: through the REST API of <c>--url</c>.</summary>
public static class BenchAccounts
{
    public const string Password = "benchmark password";

    /// <summary>A new account (username <paramref name="prefix"/> + random), signed in.</summary>
    public static async Task<AuthResponse> RegisterAsync(HttpClient http, string prefix, string displayName)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/register",
            new RegisterRequest($"{prefix}{Guid.NewGuid():N}"[..24], displayName, Password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    /// <summary>Registers, then sends that account's bearer token with every request of <paramref name="http"/>.</summary>
    public static async Task<AuthResponse> SignInAsync(HttpClient http, string prefix, string displayName)
    {
        var auth = await RegisterAsync(http, prefix, displayName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", auth.AccessToken);
        return auth;
    }
}
