using NexusChat.Bench;

// Benchmarks against a running NexusChat (./build.sh run or an AppHost started with raised limits); see bench/README.md.
return args switch
{
    ["login", .. var rest] => await LoginBenchmark.RunAsync(BenchArguments.Parse(rest)),
    ["send", .. var rest] => await SendBenchmark.RunAsync(BenchArguments.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/NexusChat.Bench -c Release -- login|send [--url http://localhost:5080] [--count N] [--clients N]");
    return 64;
}
