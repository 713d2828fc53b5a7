using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Uploads;

/// <summary>
/// Samples the resident memory (VmRSS) of some processes every 50 ms until disposed, keeping each one's first sample
/// and its highest; a process that ends keeps what it had.
/// </summary>
public sealed class ResidentMemorySampler : IAsyncDisposable
{
    private readonly Dictionary<int, (long First, long Peak)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ResidentMemorySampler(IEnumerable<int> pids)
    {
        var watched = pids.ToList();
        Sample(watched);
        Assert.Equal(watched.Count, _samples.Count);
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Sample(watched);
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed: sampling is over.
            }
        });
    }

    /// <summary>Peak minus first sample, per process.</summary>
    public IReadOnlyDictionary<int, long> Growth
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToDictionary(s => s.Key, s => s.Value.Peak - s.Value.First);
            }
        }
    }

    private void Sample(List<int> pids)
    {
        foreach (var pid in pids)
        {
            if (ResourceProcesses.ResidentBytes(pid) is not { } bytes)
            {
                continue;
            }

            lock (_samples)
            {
                _samples[pid] = _samples.TryGetValue(pid, out var seen) ? (seen.First, Math.Max(seen.Peak, bytes)) : (bytes, bytes);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
