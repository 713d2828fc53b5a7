using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.EventBus.Outbox;

/// <summary>
/// Whether this worker's relay is the one that publishes: it must hold the store's <see cref="IOutboxRelayLease"/>,
/// renewed every <see cref="OutboxRelayOptions.LeaseRenewInterval"/>. One active relay rather than claims on rows keeps
/// batches leaving in outbox order; a killed holder stops renewing and a standby takes over once the lease expires
/// (<see cref="OutboxRelayOptions.LeaseDuration"/>). What the dead one published but had not marked is published again,
/// as after any restart, and consumers drop it by event id. A store without a lease (a test's in-memory outbox) has
/// one relay, which always publishes.
/// </summary>
internal sealed partial class RelayLeadership(IOutboxRelayLease? lease, OutboxRelayOptions options, ILogger logger)
{
    private long _renewedAt;

    /// <summary>Names this process in the lease row (host and process id, so an operator or a test can find it).</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public bool IsHeld { get; private set; }

    /// <summary>True while this relay may publish: renews the lease when due, and tries to take it when another holds it.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (lease is null)
        {
            return true;
        }

        if (IsHeld && Stopwatch.GetElapsedTime(_renewedAt) < options.LeaseRenewInterval)
        {
            return true;
        }

        // Measured from before the request: the lease runs from the store's write, which is no earlier.
        var asked = Stopwatch.GetTimestamp();
        var wasHeld = IsHeld;
        try
        {
            IsHeld = await lease.TryAcquireAsync(Holder, options.LeaseDuration, cancellationToken);
        }
        catch
        {
            // Unsure whether it still holds: it stops publishing until the store answers again.
            IsHeld = false;
            throw;
        }

        if (IsHeld)
        {
            _renewedAt = asked;
        }

        if (IsHeld != wasHeld)
        {
            if (IsHeld)
            {
                LogTookLease(Holder);
            }
            else
            {
                LogLostLease(Holder);
            }
        }

        return IsHeld;
    }

    /// <summary>Gives the lease back on a clean stop, so a standby relay takes over at its next attempt, not after expiry.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (lease is null || !IsHeld)
        {
            return;
        }

        IsHeld = false;
        await lease.ReleaseAsync(Holder, cancellationToken);
        LogReleasedLease(Holder);
    }

    [LoggerMessage(LogLevel.Information, "Outbox relay {Holder} holds the relay lease and publishes")]
    private partial void LogTookLease(string holder);

    [LoggerMessage(LogLevel.Warning, "Outbox relay {Holder} lost the relay lease to another worker and stands by")]
    private partial void LogLostLease(string holder);

    [LoggerMessage(LogLevel.Information, "Outbox relay {Holder} gave the relay lease back")]
    private partial void LogReleasedLease(string holder);
}
