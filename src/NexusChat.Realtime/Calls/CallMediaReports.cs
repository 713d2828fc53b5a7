using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Hubs;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Relayed vs direct media, which only the browser knows (its selected ICE candidate pair), reported by each participant
/// once their media flows. A report is believed only from a participant's own seat connection and counted once per
/// participant and call (kept in Redis beside the call), so a client cannot inflate the figures by repeating it or by
/// reconnecting; what remains is one made-up report per real call seat, which the start limit bounds.
/// </summary>
public sealed class CallMediaReports(CallStore store, CallMetrics metrics)
{
    public async Task ReportAsync(string userId, string connectionId, string callId, string path, int setupMilliseconds)
    {
        if (!CallMediaPaths.IsKnown(path))
        {
            throw HubErrors.Validation("path", $"path is '{CallMediaPaths.Relayed}' or '{CallMediaPaths.Direct}'.");
        }

        if (setupMilliseconds is < 0 or > CallMediaLimits.MaxSetupMilliseconds)
        {
            throw HubErrors.Validation("setupMilliseconds", $"setupMilliseconds is 0 to {CallMediaLimits.MaxSetupMilliseconds}.");
        }

        // The same rule as for signaling: only a participant, from the connection the call knows.
        var call = await store.GetAsync(callId);
        if (call is null || !call.Participants.TryGetValue(userId, out var seat) || seat.ConnectionId != connectionId)
        {
            throw HubErrors.Of(HubError.Forbidden("you are not in this call from this connection"));
        }

        if (await store.AddMediaReportAsync(call.Id, userId))
        {
            metrics.MediaConnected(path, TimeSpan.FromMilliseconds(setupMilliseconds));
        }
    }
}
