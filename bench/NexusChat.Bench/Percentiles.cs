namespace NexusChat.Bench;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of an ascending list.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
