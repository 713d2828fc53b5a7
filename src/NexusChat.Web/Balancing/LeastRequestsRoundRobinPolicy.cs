using System.Diagnostics;
using System.Runtime.CompilerServices;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace NexusChat.Web.Balancing;

/// <summary>
/// Least requests with ties taken in turn, as nginx's <c>least_conn</c> does. YARP's own <c>LeastRequests</c> takes the
/// first of the least busy destinations, so while requests did not overlap (a quiet app, a client that waits for each
/// answer) every one went to <c>api-1</c>, and the other replicas stayed cold (JIT, connection pools, caches) until the
/// first failover sent them everything at once.
/// </summary>
public sealed class LeastRequestsRoundRobinPolicy : ILoadBalancingPolicy
{
    public const string PolicyName = "LeastRequestsRoundRobin";

    // One turn counter per cluster, gone with the cluster's state when the configuration drops it.
    private readonly ConditionalWeakTable<ClusterState, StrongBox<int>> _turns = new();

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        var count = availableDestinations.Count;
        if (count <= 1)
        {
            return count == 0 ? null : availableDestinations[0];
        }

        // One reading of the counters, which other requests change meanwhile, for both the minimum and the pick.
        Span<int> inFlight = count <= 64 ? stackalloc int[count] : new int[count];
        var least = int.MaxValue;
        var ties = 0;
        for (var i = 0; i < count; i++)
        {
            inFlight[i] = availableDestinations[i].ConcurrentRequestCount;
            if (inFlight[i] < least)
            {
                least = inFlight[i];
                ties = 1;
            }
            else if (inFlight[i] == least)
            {
                ties++;
            }
        }

        var turn = (uint)Interlocked.Increment(ref _turns.GetOrCreateValue(cluster).Value);
        var skip = (int)(turn % (uint)ties);
        for (var i = 0; i < count; i++)
        {
            if (inFlight[i] == least && skip-- == 0)
            {
                return availableDestinations[i];
            }
        }

        throw new UnreachableException();
    }
}
