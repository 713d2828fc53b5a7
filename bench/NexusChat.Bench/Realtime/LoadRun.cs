using System.Diagnostics;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Drives one target: opens the connections with bounded concurrency, sends through a warm-up (a fresh server
/// stalls while the JIT recompiles, see shared/ENVIRONMENT.md) and then the measured window, waits for the
/// window's deliveries, and samples the server processes' CPU over exactly the window.
/// </summary>
public sealed class LoadRun(RealtimeArguments arguments, LoadLayout layout, Func<int, Action<string?>, ILoadConnection> connect)
{
    public async Task<LoadResult> RunAsync(string target, Func<IReadOnlyList<(int Pid, string Role)>> processes, CancellationToken cancellationToken)
    {
        var recorder = new DeliveryRecorder(layout.Connections);
        var connections = Enumerable.Range(0, layout.Connections).Select(i => connect(i, recorder.For(i))).ToArray();
        try
        {
            var (isOpen, connectSeconds) = await OpenAsync(connections, target, cancellationToken);
            var opened = isOpen.Count(o => o);
            // A connection that never opened owes nothing: it shows in "held", not as loss.
            var recipients = new int[arguments.Conversations];
            for (var i = 0; i < isOpen.Length; i++)
            {
                recipients[layout.ConversationOf(i)] += isOpen[i] ? 1 : 0;
            }

            recipients = recipients.Select(r => r - 1).ToArray();
            int RecipientsOf(int sender) => recipients[layout.ConversationOf(sender)];

            Console.Error.WriteLine($"[{target}] warm-up {arguments.WarmupSeconds} s at {arguments.Rate} msg/s from {layout.Senders.Count} senders");
            var warmup = new SendPacer(connections, layout.Senders, arguments.Rate, arguments.PayloadSize, RecipientsOf);
            await warmup.RunAsync(TimeSpan.FromSeconds(arguments.WarmupSeconds), cancellationToken);
            await warmup.WaitForRepliesAsync(cancellationToken);

            Console.Error.WriteLine($"[{target}] measuring {arguments.DurationSeconds} s");
            var watched = processes();
            var before = watched.Select(p => ProcessSample.Read(p.Pid, p.Role)).OfType<ProcessSample>().ToList();
            var bench = Process.GetCurrentProcess().TotalProcessorTime;
            var measured = new SendPacer(connections, layout.Senders, arguments.Rate, arguments.PayloadSize, RecipientsOf);
            var windowStart = Stopwatch.GetTimestamp();
            recorder.OpenWindow(windowStart);
            await measured.RunAsync(TimeSpan.FromSeconds(arguments.DurationSeconds), cancellationToken);
            recorder.CloseWindow(Stopwatch.GetTimestamp());
            var window = Stopwatch.GetElapsedTime(windowStart);
            var usage = Usage(before, window);
            usage.Add(new ProcessUsage(Environment.ProcessId, "load generator",
                (Process.GetCurrentProcess().TotalProcessorTime - bench).TotalSeconds / window.TotalSeconds * 100, Environment.WorkingSet / 1048576.0));

            await measured.WaitForRepliesAsync(cancellationToken);
            var drainStart = Stopwatch.GetTimestamp();
            while (recorder.Measured < measured.Expected && Stopwatch.GetElapsedTime(drainStart) < TimeSpan.FromSeconds(arguments.DrainSeconds))
            {
                await Task.Delay(100, cancellationToken);
            }

            var latencies = recorder.SortedLatencies();
            var replies = measured.SortedReplyTimes();
            // Deliveries/s over the time they took to arrive: a server that falls behind and catches up in the
            // drain does not get credit for the window alone.
            var deliverySeconds = Math.Max(window.TotalSeconds, Stopwatch.GetElapsedTime(windowStart, Math.Max(recorder.LastArrival, windowStart)).TotalSeconds);
            static double At(List<double> sorted, double percent) => sorted.Count == 0 ? double.NaN : Percentiles.Of(sorted, percent);
            return new LoadResult(target, layout.Connections, opened, connections.Count(c => c.IsConnected), connectSeconds,
                window.TotalSeconds, measured.Succeeded, measured.Failed, measured.Skipped, measured.Succeeded / window.TotalSeconds,
                measured.Expected, latencies.Count, latencies.Count / deliverySeconds, connections.Sum(c => (long)c.Drops),
                At(latencies, 50), At(latencies, 95), At(latencies, 99), latencies.Count == 0 ? double.NaN : latencies[^1],
                At(replies, 50), At(replies, 99), usage,
                measured.Errors.Concat(warmup.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)));
        }
        finally
        {
            await CloseAsync(connections);
        }
    }

    private async Task<(bool[] IsOpen, double Seconds)> OpenAsync(ILoadConnection[] connections, string target, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var opened = 0;
        var isOpen = new bool[connections.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, connections.Length), new ParallelOptions { MaxDegreeOfParallelism = arguments.ConnectConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var connection = connections[index];
                // ChatConnection retries a failed connect forever; a connection that is not up in a minute counts as not opened.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                try
                {
                    await connection.StartAsync(timeout.Token);
                    isOpen[index] = true;
                    if (Interlocked.Increment(ref opened) % 1000 == 0)
                    {
                        Console.Error.WriteLine($"[{target}] {opened} connections open");
                    }
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"[{target}] a connection failed to open: {exception.Message}");
                }
            });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine($"[{target}] {opened}/{connections.Length} connections open in {seconds:0.0} s");
        return (isOpen, seconds);
    }

    private static List<ProcessUsage> Usage(List<ProcessSample> before, TimeSpan window) =>
        before.Select(b => (Before: b, After: ProcessSample.Read(b.Pid, b.Role)))
            .Where(s => s.After is not null)
            .Select(s => new ProcessUsage(s.Before.Pid, s.Before.Role,
                (s.After!.CpuSeconds - s.Before.CpuSeconds) / window.TotalSeconds * 100, s.After.RssMegabytes))
            .ToList();

    private async Task CloseAsync(ILoadConnection[] connections) =>
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = arguments.ConnectConcurrency },
            async (connection, _) => await connection.DisposeAsync());
}
