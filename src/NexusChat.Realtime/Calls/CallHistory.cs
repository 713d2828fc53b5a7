using System.Diagnostics;
using System.Diagnostics.Metrics;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Writes a call into its conversation's history (<see cref="CallHistoryRule"/>, through
/// <see cref="ConversationCommands.RecordCallAsync"/>): when it starts, when someone new joins, when it ends. Called by
/// the replica whose compare-and-set made the change, after the members were told, and it never throws: a store that
/// fails or is slow costs the history an update (logged, counted), never the call its signaling.
/// </summary>
public sealed partial class CallHistory(ConversationCommands commands, TimeProvider time, IMeterFactory meters, ILogger<CallHistory> logger)
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    private readonly Counter<long> _failures = meters.Create(CallMetrics.MeterName).CreateCounter<long>(
        "nexuschat.calls.history_failures", description: "Call history messages that could not be written or updated.");

    /// <param name="endReason">Set when this change ended the call.</param>
    public async Task RecordAsync(CallState call, string? endReason = null)
    {
        var summary = CallHistoryRule.Summarize(call, endReason, time.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            using var timeout = new CancellationTokenSource(WriteTimeout);
            if (await commands.RecordCallAsync(call.StartedBy, call.ConversationId, summary, timeout.Token) is not CommandOutcome.Done<MessageRecord>)
            {
                // The conversation is gone: nothing to write into.
                Failed(null, call.Id, summary.State);
            }
        }
        catch (Exception exception)
        {
            Failed(exception, call.Id, summary.State);
        }
    }

    private void Failed(Exception? exception, string callId, string state)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("state", state));
        if (exception is not null)
        {
            Activity.Current?.AddException(exception);
        }

        LogFailed(exception, callId, state);
    }

    [LoggerMessage(LogLevel.Warning, "Could not write the history of call {CallId} ({State})")]
    private partial void LogFailed(Exception? exception, string callId, string state);
}
