using System.Globalization;
using NexusChat.Client;

namespace NexusChat.Bench.Realtime;

/// <summary>Options of the <c>realtime</c> mode; see bench/README.md, "Real-time delivery".</summary>
public sealed record RealtimeArguments
{
    public Uri Url { get; init; } = new("http://localhost:5080");

    /// <summary>Hub addresses connections are spread over, round-robin; empty means the gateway's /hubs/chat.</summary>
    public IReadOnlyList<Uri> HubUrls { get; init; } = [];

    /// <summary><c>--realtime direct</c>: the replicas' own ports, found behind the gateway's AppHost.</summary>
    public bool DirectReplicas { get; init; }

    public int Connections { get; init; } = 1000;
    public int Conversations { get; init; } = 10;
    public int Size { get; init; } = 100;

    /// <summary>Messages per second over all senders.</summary>
    public double Rate { get; init; } = 50;
    public int DurationSeconds { get; init; } = 30;
    public int WarmupSeconds { get; init; } = 10;

    /// <summary>Longest wait after the last send for the deliveries still in flight.</summary>
    public int DrainSeconds { get; init; } = 15;

    /// <summary>Characters of message text, timestamp included.</summary>
    public int PayloadSize { get; init; } = 100;

    /// <summary>The server's hub invocations per connection per minute (RateLimits:HubInvocationsPerConnection).</summary>
    public int HubLimitPerMinute { get; init; } = 120;
    public HubWireProtocol Protocol { get; init; } = HubWireProtocol.Json;
    public int ConnectConcurrency { get; init; } = 50;
    public int SetupConcurrency { get; init; } = 8;
    public bool Reference { get; init; } = true;
    public bool Ours { get; init; } = true;
    public int ReferencePort { get; init; } = 5099;

    /// <summary>Realtime server processes to sample; found from the hub addresses' listening sockets when empty.</summary>
    public IReadOnlyList<int> Pids { get; init; } = [];

    public Uri GatewayHubUrl => new(Url, "/hubs/chat");

    public static RealtimeArguments Parse(string[] args)
    {
        var parsed = new RealtimeArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            parsed = args[i] switch
            {
                "--url" => parsed with { Url = new Uri(Next()) },
                "--realtime" => Next() is "direct"
                    ? parsed with { DirectReplicas = true }
                    : parsed with { HubUrls = args[i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(HubAddress).ToList() },
                "--connections" => parsed with { Connections = Int() },
                "--conversations" => parsed with { Conversations = Int() },
                "--size" => parsed with { Size = Int() },
                "--rate" => parsed with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--duration" => parsed with { DurationSeconds = Int() },
                "--warmup" => parsed with { WarmupSeconds = Int() },
                "--drain" => parsed with { DrainSeconds = Int() },
                "--payload" => parsed with { PayloadSize = Int() },
                "--hub-limit" => parsed with { HubLimitPerMinute = Int() },
                "--protocol" => parsed with { Protocol = Enum.Parse<HubWireProtocol>(Next(), ignoreCase: true) },
                "--connect-concurrency" => parsed with { ConnectConcurrency = Int() },
                "--setup-concurrency" => parsed with { SetupConcurrency = Int() },
                "--reference" => parsed with { Reference = true, Ours = true },
                "--reference-only" => parsed with { Reference = true, Ours = false },
                "--no-reference" => parsed with { Reference = false },
                "--reference-port" => parsed with { ReferencePort = Int() },
                "--pids" => parsed with { Pids = Next().Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return parsed.Conversations * parsed.Size > parsed.Connections
            ? throw new ArgumentException("--connections must be at least --conversations × --size (every member holds a connection)")
            : parsed;
    }

    // A bare replica address ("http://localhost:41234") means its hub path.
    private static Uri HubAddress(string value)
    {
        var uri = new Uri(value.Trim());
        return uri.AbsolutePath is "/" or "" ? new Uri(uri, "/hubs/chat") : uri;
    }
}
