using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Healthy when Redis can fail over, not merely when it answers: a Sentinel sees the primary up, knows a replica that
/// is up and linked to it, and knows the other Sentinels (a quorum can vote). Sentinels learn of a replica from the
/// primary's INFO every 10 s, so "answers" alone reported healthy while a killed primary could not be replaced (the
/// Sentinels gave up with "no good slave" and waited twice the failover timeout before trying again).
/// </summary>
public sealed class RedisFailoverHealthCheck(IReadOnlyList<string> sentinels) : IHealthCheck, IDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _sentinels;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = await ConnectAsync();
        var problems = new List<string>();
        foreach (var server in connection.GetEndPoints().Select(e => connection.GetServer(e)).Where(s => s.IsConnected))
        {
            try
            {
                var primary = (await server.SentinelMasterAsync(RedisFailover.ServiceName)).ToDictionary(p => p.Key, p => p.Value);
                var replicas = await server.SentinelReplicasAsync(RedisFailover.ServiceName);
                var linkedReplicas = replicas.Count(r => r.Any(p => p is { Key: "flags", Value: "slave" })
                    && r.Any(p => p is { Key: "master-link-status", Value: "ok" }));
                if (primary["flags"] == "master" && linkedReplicas > 0 && int.Parse(primary["num-other-sentinels"], System.Globalization.CultureInfo.InvariantCulture) >= sentinels.Count - 1)
                {
                    return HealthCheckResult.Healthy($"primary {primary["ip"]}:{primary["port"]}, {linkedReplicas} replica(s)");
                }

                problems.Add($"{server.EndPoint}: primary {primary["flags"]}, {linkedReplicas} linked replica(s), {primary["num-other-sentinels"]} other sentinel(s)");
            }
            catch (RedisException exception)
            {
                problems.Add($"{server.EndPoint}: {exception.Message}");
            }
        }

        return HealthCheckResult.Unhealthy(problems.Count == 0 ? "no Sentinel answers" : string.Join("; ", problems));
    }

    public void Dispose()
    {
        _sentinels?.Dispose();
        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            if (_sentinels is null)
            {
                var options = new ConfigurationOptions
                {
                    CommandMap = CommandMap.Sentinel,
                    AbortOnConnectFail = false,
                    ConnectTimeout = 2000,
                    TieBreaker = "",
                };
                foreach (var sentinel in sentinels)
                {
                    options.EndPoints.Add(sentinel);
                }

                _sentinels = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _sentinels;
        }
        finally
        {
            _connecting.Release();
        }
    }
}
