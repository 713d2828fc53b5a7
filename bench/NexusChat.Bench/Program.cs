using NexusChat.Bench;
using NexusChat.Bench.Calls;
using NexusChat.Bench.Previews;
using NexusChat.Bench.Realtime;
using NexusChat.Bench.Uploads;
using NexusChat.Bench.WebClient;

// Benchmarks against a running NexusChat (./build.sh run or an AppHost started with raised limits); see bench/README.md.
return args switch
{
    ["login", .. var rest] => await LoginBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["send", .. var rest] => await SendBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["realtime", .. var rest] => await RealtimeBenchmark.RunAsync(RealtimeArguments.Parse(rest)),
    ["upload", .. var rest] => await UploadBenchmark.RunAsync(UploadArguments.Parse(rest)),
    ["previews", .. var rest] => await PreviewBenchmark.RunAsync(PreviewArguments.Parse(rest)),
    ["calls", .. var rest] => await CallBenchmark.RunAsync(CallArguments.Parse(rest)),
    ["tti", .. var rest] => await TtiBenchmark.RunAsync(TtiArguments.Parse(rest), args),
    ["reference-server", .. var rest] => await ReferenceServer.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/NexusChat.Bench -c Release -- login|send [--url http://localhost:5080] [--count N] [--clients N]");
    Console.Error.WriteLine("       dotnet run --project bench/NexusChat.Bench -c Release -- realtime [--url U] [--realtime URL,URL,…] [--connections N] " +
        "[--conversations M] [--size S] [--rate R] [--duration s] [--warmup s] [--payload chars] [--protocol json|messagepack] " +
        "[--hub-limit per-minute] [--no-reference|--reference-only] [--pids P,P,…]   (see bench/README.md)");
    Console.Error.WriteLine("       dotnet run --project bench/NexusChat.Bench -c Release -- upload [--url http://localhost:5080] [--size MiB] [--chunk MiB]");
    Console.Error.WriteLine("       dotnet run --project bench/NexusChat.Bench -c Release -- previews [--url http://localhost:5080] [--count N] [--pixels width]");
    Console.Error.WriteLine("       dotnet run --project bench/NexusChat.Bench -c Release -- tti [--url http://127.0.0.1:5099] [--runs N] [--chromium /usr/bin/chromium]");
    Console.Error.WriteLine("       dotnet run --project bench/NexusChat.Bench -c Release -- calls [--url http://localhost:5080] [--realtime direct] [--calls N] " +
        "[--relayed M] [--relay-seconds s] [--packet-bytes B] [--packet-interval ms]   (see bench/README.md)");
    return 64;
}
