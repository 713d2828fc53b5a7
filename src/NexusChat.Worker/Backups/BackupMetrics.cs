using System.Diagnostics.Metrics;
using NexusChat.Worker.Previews;

namespace NexusChat.Worker.Backups;

/// <summary>
/// What an alert on backups needs: when the last one succeeded (a gauge, so "older than two intervals" is one
/// expression) and how many failed. Only the worker that took a backup knows its time; the others report 0 until they
/// take one, so alert on the maximum over workers.
/// </summary>
public sealed class BackupMetrics
{
    private readonly Counter<long> _failures;
    private long _lastSuccess;

    public BackupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(PreviewMetrics.MeterName);
        meter.CreateObservableGauge("nexuschat.backup.last_success_unixtime", () => Interlocked.Read(ref _lastSuccess), "s",
            "Unix time at which this worker last completed a backup of the store (0: none since it started).");
        _failures = meter.CreateCounter<long>("nexuschat.backup.failures", description: "Backups this worker started and could not complete.");
    }

    public void Succeeded(DateTimeOffset at) => Interlocked.Exchange(ref _lastSuccess, at.ToUnixTimeSeconds());

    public void Failed() => _failures.Add(1);
}
