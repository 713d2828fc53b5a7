namespace NexusChat.Contracts.Status;

/// <summary>The body of <c>GET /api/status</c>.</summary>
/// <param name="Instance">The replica that answered, e.g. <c>api-2</c>.</param>
/// <param name="Status">healthy when every dependency is, else unhealthy.</param>
/// <param name="CheckedAt">When the dependencies were probed; a replica probes at most every few seconds and answers
/// from that round in between.</param>
public sealed record ServiceStatus(string Instance, string Status, IReadOnlyList<DependencyStatus> Dependencies, DateTimeOffset CheckedAt);

/// <param name="Name">store, redis, messaging or turn.</param>
/// <param name="Mode">container, host or embedded.</param>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="LatencyMs">How long the probe took.</param>
/// <param name="Detail">Why it is unhealthy, when it is.</param>
public sealed record DependencyStatus(string Name, string Mode, string Status, double LatencyMs, string? Detail);
