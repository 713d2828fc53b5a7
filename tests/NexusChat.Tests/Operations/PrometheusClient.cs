using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using NexusChat.AppHost.Infrastructure.Monitoring;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Operations;

/// <summary>The AppHost's Prometheus over its HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/).</summary>
public sealed class PrometheusClient(HostModeAppFixture fixture) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.App.GetEndpoint(MonitoringResources.Prometheus, "http"), Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Target(string Job, string Replica, string Health, string LastError);

    public sealed record Rule(string Name, string Query, string Type);

    public async Task<IReadOnlyList<Target>> TargetsAsync()
    {
        var data = await DataAsync("/api/v1/targets?state=active");
        return [.. data.GetProperty("activeTargets").EnumerateArray().Select(t => new Target(
            t.GetProperty("labels").GetProperty("job").GetString()!,
            t.GetProperty("labels").TryGetProperty("replica", out var replica) ? replica.GetString()! : "",
            t.GetProperty("health").GetString()!,
            t.GetProperty("lastError").GetString()!))];
    }

    /// <summary>Every rule Prometheus loaded, with its expression as Prometheus printed it back.</summary>
    public async Task<IReadOnlyList<Rule>> RulesAsync()
    {
        var data = await DataAsync("/api/v1/rules");
        return [.. data.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => new Rule(r.GetProperty("name").GetString()!, r.GetProperty("query").GetString()!, r.GetProperty("type").GetString()!))];
    }

    public async Task<IReadOnlyList<string>> MetricNamesAsync()
    {
        using var response = await _http.GetAsync("/api/v1/label/__name__/values");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetString()!)];
    }

    /// <summary>The query's error (a parse error, say), or null with the number of series it returned.</summary>
    public async Task<(string? Error, int Series)> QueryAsync(string promQl)
    {
        using var response = await _http.PostAsync("/api/v1/query", new FormUrlEncodedContent([new("query", promQl)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            return (body.GetProperty("error").GetString(), 0);
        }

        var result = body.GetProperty("data").GetProperty("result");
        return (null, result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1);
    }

    private async Task<JsonElement> DataAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    public void Dispose() => _http.Dispose();
}
