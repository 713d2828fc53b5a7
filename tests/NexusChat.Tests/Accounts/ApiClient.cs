using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Accounts;

/// <summary>
/// Talks to one api replica directly, as the client at <see cref="ClientAddress"/> (sent as X-Forwarded-For, which
/// the api trusts from loopback as it trusts the gateway), so tests can pick the replica and the client address.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(HostModeAppFixture fixture, string replica, string? clientAddress = null)
    {
        Replica = replica;
        ClientAddress = clientAddress ?? RandomAddress();
        _http = new HttpClient { BaseAddress = fixture.App.GetEndpoint(replica, "http"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
    }

    public string Replica { get; }

    public string ClientAddress { get; }

    public HttpClient Http => _http;

    public static string RandomAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    public static string NewUsername() => $"u{Guid.NewGuid():N}"[..20];

    public static RegisterRequest NewRegistration(string? username = null) =>
        new(username ?? NewUsername(), "Test User", "correct horse battery");

    public async Task<AuthResponse> RegisterAsync(RegisterRequest? request = null)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/register", request ?? NewRegistration());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
    }

    public Task<HttpResponseMessage> PostAsync<T>(string path, T body, string? accessToken = null) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body), accessToken);

    public Task<HttpResponseMessage> GetAsync(string path, string? accessToken = null) =>
        SendAsync(HttpMethod.Get, path, null, accessToken);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? accessToken = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
