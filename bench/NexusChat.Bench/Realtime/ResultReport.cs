using System.Globalization;
using System.Text.Json;

namespace NexusChat.Bench.Realtime;

/// <summary>The side-by-side table on stdout, then one JSON line (prefixed <c>RESULT </c>) for scripts.</summary>
public static class ResultReport
{
    public static void Print(RealtimeArguments arguments, LoadLayout layout, LoadResult? ours, LoadResult? reference)
    {
        Console.WriteLine();
        Console.WriteLine($"real-time delivery: {arguments.Connections} connections, {arguments.Conversations} conversations × {arguments.Size} members, " +
            $"{arguments.Rate} msg/s target, {arguments.PayloadSize}-char text, {arguments.Protocol}, {arguments.DurationSeconds} s after {arguments.WarmupSeconds} s warm-up");
        Console.WriteLine($"{"",-30}{"nexuschat",16}{"reference",16}{"ours/ref",10}");
        Row("connections held", ours, reference, r => $"{r.Held}/{r.Connections}");
        Row("connect time s", ours, reference, r => F(r.ConnectSeconds, "0.0"));
        Row("sends/s achieved", ours, reference, r => F(r.SendsPerSecond, "0.0"));
        Row("deliveries/s", ours, reference, r => F(r.DeliveriesPerSecond, "0"), r => r.DeliveriesPerSecond);
        Row("latency p50 ms", ours, reference, r => F(r.P50, "0.0"));
        Row("latency p95 ms", ours, reference, r => F(r.P95, "0.0"));
        Row("latency p99 ms", ours, reference, r => F(r.P99, "0.0"), r => r.P99);
        Row("latency max ms", ours, reference, r => F(r.Max, "0.0"));
        Row("send reply p50 / p99 ms", ours, reference, r => $"{F(r.ReplyP50, "0.0")} / {F(r.ReplyP99, "0.0")}");
        Row("expected deliveries", ours, reference, r => r.ExpectedDeliveries.ToString(CultureInfo.InvariantCulture));
        Row("received deliveries", ours, reference, r => r.Deliveries.ToString(CultureInfo.InvariantCulture));
        Row("lost", ours, reference, r => r.Lost.ToString(CultureInfo.InvariantCulture));
        Row("send failures / skipped", ours, reference, r => $"{r.SendFailures} / {r.SendsSkipped}");
        Row("connection drops", ours, reference, r => r.Drops.ToString(CultureInfo.InvariantCulture));
        foreach (var role in new[] { "realtime", "reference", "worker", "redis", "rabbitmq", "gateway", "load generator" })
        {
            Row($"{role} CPU % / RSS MB", ours, reference, r => Usage(r, role));
        }

        foreach (var (target, errors) in new[] { ours, reference }.OfType<LoadResult>().SelectMany(r => r.Errors.Select(e => (r.Target, e))))
        {
            Console.WriteLine($"  {target} send error ×{errors.Value}: {errors.Key}");
        }

        Console.WriteLine("RESULT " + JsonSerializer.Serialize(new
        {
            arguments.Connections,
            arguments.Conversations,
            arguments.Size,
            arguments.Rate,
            arguments.DurationSeconds,
            arguments.PayloadSize,
            Protocol = arguments.Protocol.ToString(),
            SendersPerConversation = layout.SendersPerConversation,
            Ours = ours,
            Reference = reference,
            DeliveriesRatio = Ratio(ours, reference, r => r.DeliveriesPerSecond),
            P99Ratio = Ratio(ours, reference, r => r.P99),
        }));
    }

    private static void Row(string label, LoadResult? ours, LoadResult? reference, Func<LoadResult, string> format, Func<LoadResult, double>? ratio = null) =>
        Console.WriteLine($"{label,-30}{(ours is null ? "-" : format(ours)),16}{(reference is null ? "-" : format(reference)),16}" +
            $"{(ratio is null ? "" : F(Ratio(ours, reference, ratio) ?? double.NaN, "0.00")),10}");

    // Processes of one role summed (three realtime replicas count as one server tier).
    private static string Usage(LoadResult result, string role)
    {
        var matching = result.Processes.Where(p => p.Role == role).ToList();
        return matching.Count == 0 ? "-" : $"{F(matching.Sum(p => p.CpuPercent), "0")} / {F(matching.Sum(p => p.RssMegabytes), "0")}";
    }

    private static double? Ratio(LoadResult? ours, LoadResult? reference, Func<LoadResult, double> value) =>
        ours is null || reference is null || value(reference) == 0 ? null : value(ours) / value(reference);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
