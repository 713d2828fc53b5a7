using NexusChat.Bench.Realtime;

namespace NexusChat.Bench.Uploads;

/// <summary>
/// CPU time and resident memory of the gateway and api processes over a run: samples every 50 ms for the peak, and
/// the CPU used between start and report.
/// </summary>
public sealed class ProcessWatch : IAsyncDisposable
{
    private readonly IReadOnlyList<(int Pid, string Role)> _processes;
    private readonly Dictionary<int, ProcessSample> _first = [];
    private readonly Dictionary<int, double> _peakRss = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ProcessWatch(IReadOnlyList<(int Pid, string Role)> processes)
    {
        _processes = processes;
        foreach (var sample in Sample())
        {
            _first[sample.Pid] = sample;
        }

        _sampling = SampleUntilStoppedAsync();
    }

    public void Report(double seconds)
    {
        if (_processes.Count == 0)
        {
            Console.WriteLine("processes: none found behind the address (not an AppHost on this machine); no CPU or memory figures");
            return;
        }

        foreach (var now in Sample().OrderBy(s => s.Role).ThenBy(s => s.Pid))
        {
            var first = _first.GetValueOrDefault(now.Pid) ?? now;
            lock (_peakRss)
            {
                Console.WriteLine($"{now.Role} pid {now.Pid}: CPU {now.CpuSeconds - first.CpuSeconds:0.00} s ({(now.CpuSeconds - first.CpuSeconds) / seconds * 100:0} % of a core), " +
                    $"RSS {first.RssMegabytes:0} MB before, peak {_peakRss.GetValueOrDefault(now.Pid):0} MB, growth {_peakRss.GetValueOrDefault(now.Pid) - first.RssMegabytes:0.0} MB");
            }
        }
    }

    private List<ProcessSample> Sample() => _processes.Select(p => ProcessSample.Read(p.Pid, p.Role)).OfType<ProcessSample>().ToList();

    private async Task SampleUntilStoppedAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                foreach (var sample in Sample())
                {
                    lock (_peakRss)
                    {
                        _peakRss[sample.Pid] = Math.Max(_peakRss.GetValueOrDefault(sample.Pid), sample.RssMegabytes);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
