using System.Diagnostics.Metrics;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.ServiceDefaults;

namespace NexusChat.Worker.Operations;

/// <summary>
/// Gauges the alert rules read that no request produces: the age of the oldest event the outbox has not published yet
/// (measured from outside the relay, so a stuck or absent relay shows too) and the free share of the volume holding
/// files and uploads. Sampled every <see cref="Period"/>; the outbox query reads one row by its pending index.
/// </summary>
public sealed class OperationsGauges : BackgroundService
{
    public const string MeterName = Extensions.TelemetryPrefix + "Operations";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly IOutboxStore _outbox;
    private readonly string _filesDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationsGauges> _logger;
    private double? _oldestPendingAge;

    public OperationsGauges(IMeterFactory meters, IOutboxStore outbox, string filesDirectory, TimeProvider time, ILogger<OperationsGauges> logger)
    {
        (_outbox, _filesDirectory, _time, _logger) = (outbox, filesDirectory, time, logger);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("nexuschat.outbox.oldest_pending_age", OldestPendingAge, "s",
            "Age of the oldest event the outbox has not published; 0 when none waits.");
        meter.CreateObservableGauge("nexuschat.files.storage_available_ratio", AvailableRatio,
            description: "Free share (0 to 1) of the volume holding files and uploads.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _time);
        do
        {
            try
            {
                var oldest = await _outbox.GetPendingAsync(1, stoppingToken);
                _oldestPendingAge = oldest.Count == 0 ? 0 : Math.Max(0, (_time.GetUtcNow() - oldest[0].CreatedAt).TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No value rather than a stale one: the store's own health check reports the outage.
                _oldestPendingAge = null;
                _logger.LogWarning(e, "Could not read the outbox's oldest pending event");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<double>> OldestPendingAge() =>
        _oldestPendingAge is { } age ? [new Measurement<double>(age)] : [];

    private IEnumerable<Measurement<double>> AvailableRatio()
    {
        Directory.CreateDirectory(_filesDirectory);
        var drive = new DriveInfo(_filesDirectory);
        return drive.TotalSize > 0 ? [new Measurement<double>((double)drive.AvailableFreeSpace / drive.TotalSize)] : [];
    }
}
