using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Configuration;

namespace NexusChat.EventBus.ParkingLots;

/// <summary>Counts the parking lots on a timer so the parked-events gauge stays current when nobody asks for health.</summary>
internal sealed partial class ParkedEventsMonitor(DeadLetterOffice office, IOptions<EventBusOptions> options, ILogger<ParkedEventsMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ParkedCountInterval);
        do
        {
            try
            {
                await office.CountAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogCountFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Could not count the parking lots; the parked-events gauge keeps its last values")]
    private partial void LogCountFailed(Exception exception);
}
