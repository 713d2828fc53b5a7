using System.Globalization;

namespace NexusChat.Bench.Calls;

/// <summary>Options of the <c>calls</c> mode; see bench/README.md, "Calls".</summary>
public sealed record CallArguments
{
    public Uri Url { get; init; } = new("http://localhost:5080");

    /// <summary><c>--realtime direct</c>: callers and callees on different replicas (their own ports); else the gateway's hub.</summary>
    public bool DirectReplicas { get; init; }

    /// <summary>1:1 calls set up at once and held together before they hang up.</summary>
    public int Calls { get; init; } = 100;

    /// <summary>ICE candidates each side trickles after its offer or answer.</summary>
    public int Candidates { get; init; } = 3;

    /// <summary>Relayed media sessions through coturn (<c>turnutils_uclient</c>, two relays each), run at once.</summary>
    public int Relayed { get; init; } = 10;

    public int RelaySeconds { get; init; } = 10;

    /// <summary>UDP payload bytes and the interval between packets of each relayed stream: 1,200 B every 10 ms ≈ 1 Mbit/s each way.</summary>
    public int PacketBytes { get; init; } = 1200;
    public int PacketIntervalMs { get; init; } = 10;

    public int SetupConcurrency { get; init; } = 8;

    public static CallArguments Parse(string[] args)
    {
        var parsed = new CallArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            parsed = args[i] switch
            {
                "--url" => parsed with { Url = new Uri(Next()) },
                "--realtime" => Next() is "direct" ? parsed with { DirectReplicas = true } : throw new ArgumentException("--realtime takes 'direct'"),
                "--calls" => parsed with { Calls = Int() },
                "--candidates" => parsed with { Candidates = Int() },
                "--relayed" => parsed with { Relayed = Int() },
                "--relay-seconds" => parsed with { RelaySeconds = Int() },
                "--packet-bytes" => parsed with { PacketBytes = Int() },
                "--packet-interval" => parsed with { PacketIntervalMs = Int() },
                "--setup-concurrency" => parsed with { SetupConcurrency = Int() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return parsed.Relayed > parsed.Calls ? throw new ArgumentException("--relayed uses the callers' credentials: at most --calls") : parsed;
    }
}
