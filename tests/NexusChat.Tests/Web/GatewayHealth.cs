using System.Text.Json;

namespace NexusChat.Tests.Web;

/// <summary>
/// One entry of the gateway's <c>/health</c> report: a YARP cluster and what the check says about it. The report is
/// served on the management endpoint only (<see cref="Hosting.HostModeAppFixture.CreateManagementClient"/>).
/// </summary>
public sealed record ClusterHealth(string Status, string Description)
{
    public static async Task<ClusterHealth> ReadAsync(HttpClient web, string cluster, CancellationToken cancellationToken)
    {
        // /health answers 503 when a check is unhealthy; the body is the same report either way.
        using var response = await web.GetAsync("/health", cancellationToken);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var entry = report.RootElement.GetProperty("entries").GetProperty(cluster);
        return new ClusterHealth(entry.GetProperty("status").GetString()!, entry.GetProperty("description").GetString() ?? "");
    }

    /// <summary>Polls the report until the cluster has <paramref name="status"/>; fails with the last entry seen.</summary>
    public static async Task<ClusterHealth> WaitForAsync(HttpClient web, string cluster, string status, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        ClusterHealth? last = null;
        try
        {
            while (true)
            {
                last = await ReadAsync(web, cluster, deadline.Token);
                if (last.Status == status)
                {
                    return last;
                }

                await Task.Delay(50, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{cluster} was not {status} within {timeout.TotalSeconds:0.#} s; last: {last}");
            throw;
        }
    }
}
