namespace NexusChat.Web.Client.Features.Calls;

public enum QualityLevel
{
    Unknown,
    Good,
    Fair,
    Poor,
}

/// <summary>
/// One peer connection's quality from <c>getStats()</c>: the selected pair's round-trip time and the inbound packet
/// loss over the last interval. Thresholds follow what makes a call hard to follow: past ~300 ms people talk over each
/// other, past ~5 % loss audio breaks up.
/// </summary>
public sealed record ConnectionQuality(int RoundTripMs, double LossPercent)
{
    public static readonly ConnectionQuality Unmeasured = new(-1, 0);

    public QualityLevel Level => RoundTripMs < 0 ? QualityLevel.Unknown
        : RoundTripMs <= 150 && LossPercent < 2 ? QualityLevel.Good
        : RoundTripMs <= 300 && LossPercent < 5 ? QualityLevel.Fair
        : QualityLevel.Poor;

    public string Label => Level switch
    {
        QualityLevel.Good => $"Good connection · {RoundTripMs} ms",
        QualityLevel.Fair => $"Fair connection · {RoundTripMs} ms, {LossPercent:0.#} % loss",
        QualityLevel.Poor => $"Poor connection · {RoundTripMs} ms, {LossPercent:0.#} % loss",
        _ => "Connecting…",
    };
}
