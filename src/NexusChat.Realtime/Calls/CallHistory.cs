using System.Diagnostics.Metrics;
using System.Threading.Channels;
using NexusChat.Contracts.Calls;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Writes a call into its conversation's history (<see cref="CallHistoryRule"/>, through
/// <see cref="ConversationCommands.RecordCallAsync"/>): when it starts, when someone new joins, when it ends. The
/// replica whose compare-and-set made the change records it; the write happens behind a queue, so a store that is slow
/// or down never holds up or fails the call's signaling: a failed write is logged and counted, and the call's next step
/// writes the whole summary again. The store keeps the summary moving forward, so the order in which replicas' writes
/// land does not matter. A graceful stop writes what is queued.
/// </summary>
public sealed partial class CallHistory(ConversationCommands commands, TimeProvider time, IMeterFactory meters, ILogger<CallHistory> logger)
    : BackgroundService
{
    private const int MaxQueued = 10_000;

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<(string CallerId, string ConversationId, MessageCallDto Summary)> _queue =
        Channel.CreateBounded<(string, string, MessageCallDto)>(new BoundedChannelOptions(MaxQueued)
        {
            FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
        });

    private readonly Counter<long> _failures = meters.Create(CallMetrics.MeterName).CreateCounter<long>(
        "nexuschat.calls.history_failures", description: "Call history messages that could not be written or updated, by the state being written.");

    /// <param name="endReason">Set when this change ended the call.</param>
    public void Record(CallState call, string? endReason = null)
    {
        var summary = CallHistoryRule.Summarize(call, endReason, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!_queue.Writer.TryWrite((call.StartedBy, call.ConversationId, summary)))
        {
            Failed(null, summary);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    // Reads until the queue is completed rather than until the stop signal, so what was queued before a stop is written.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (callerId, conversationId, summary) in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                using var timeout = new CancellationTokenSource(WriteTimeout);
                if (await commands.RecordCallAsync(callerId, conversationId, summary, timeout.Token) is not CommandOutcome.Done<MessageRecord>)
                {
                    // The conversation is gone: there is no history to write into.
                    Failed(null, summary);
                }
            }
            catch (Exception exception)
            {
                Failed(exception, summary);
            }
        }
    }

    private void Failed(Exception? exception, MessageCallDto summary)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("state", summary.State));
        LogFailed(exception, summary.CallId, summary.State);
    }

    [LoggerMessage(LogLevel.Warning, "Could not write the history of call {CallId} ({State})")]
    private partial void LogFailed(Exception? exception, string callId, string state);
}
