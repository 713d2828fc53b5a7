using StackExchange.Redis;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Before a Redis data node (re)starts: if the Sentinels name another node as primary, the node's config is made to
/// replicate it. A node that was primary when it died still says "primary" in its own config, because the Sentinels
/// could not reconfigure it while it was down. Started like that it would serve its stale data as a second primary
/// until the Sentinels demote it, and clients that reached it meanwhile would lose what the real primary holds: sessions
/// made since the failover, for one. On the very first start no Sentinel answers and the config is used as written.
/// </summary>
public static class RedisRejoin
{
    public static async Task FollowCurrentPrimaryAsync(string configPath, int ownPort, IReadOnlyList<string> sentinels, CancellationToken cancellationToken)
    {
        if (await CurrentPrimaryAsync(sentinels) is not { } primary)
        {
            return;
        }

        var lines = (await File.ReadAllLinesAsync(configPath, cancellationToken))
            .Where(line => !line.StartsWith("replicaof ", StringComparison.OrdinalIgnoreCase) && !line.StartsWith("slaveof ", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (primary.Port != ownPort)
        {
            lines.Add($"replicaof {primary.Address} {primary.Port}");
        }

        await File.WriteAllLinesAsync(configPath, lines, cancellationToken);
    }

    private static async Task<(string Address, int Port)?> CurrentPrimaryAsync(IReadOnlyList<string> sentinels)
    {
        foreach (var sentinel in sentinels)
        {
            var options = new ConfigurationOptions
            {
                CommandMap = CommandMap.Sentinel,
                TieBreaker = string.Empty,
                ConnectTimeout = 1000,
                AbortOnConnectFail = true,
            };
            options.EndPoints.Add(sentinel);
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
                if (await connection.GetServer(connection.GetEndPoints()[0]).SentinelGetMasterAddressByNameAsync(RedisFailover.ServiceName)
                    is System.Net.IPEndPoint primary)
                {
                    return (primary.Address.ToString(), primary.Port);
                }
            }
            catch (RedisConnectionException)
            {
                // This Sentinel is down (or none is up yet, at the first start): ask the next.
            }
        }

        return null;
    }
}
