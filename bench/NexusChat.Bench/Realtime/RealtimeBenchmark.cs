namespace NexusChat.Bench.Realtime;

/// <summary>
/// The <c>realtime</c> mode: the same load (N connections in M conversations of S members, R messages/s) against
/// NexusChat's hub and against a bare SignalR reference hub, reported side by side. See bench/README.md.
/// </summary>
public static class RealtimeBenchmark
{
    public static async Task<int> RunAsync(RealtimeArguments arguments)
    {
        if (arguments.DirectReplicas)
        {
            arguments = arguments with { HubUrls = ServerProcesses.DirectRealtimeHubs(arguments.Url) };
            Console.Error.WriteLine($"realtime replicas: {string.Join(", ", arguments.HubUrls)}");
        }

        // Thousands of connects and handshakes at once would otherwise wait for the thread pool to grow.
        ThreadPool.SetMinThreads(Math.Max(200, arguments.ConnectConcurrency * 2), 200);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var layout = new LoadLayout(arguments);
        Console.Error.WriteLine($"layout: {arguments.Connections} connections, {arguments.Conversations} conversations × {arguments.Size} members " +
            $"({arguments.Connections / (double)layout.Members:0.#} devices each), {layout.SendersPerConversation} sender(s) per conversation " +
            $"at {arguments.Rate / layout.Senders.Count:0.##} msg/s each (hub limit {arguments.HubLimitPerMinute}/min)");

        LoadResult? ours = null;
        if (arguments.Ours)
        {
            ours = await RunOursAsync(arguments, layout, stop.Token);
        }

        LoadResult? reference = null;
        if (arguments.Reference)
        {
            reference = await RunReferenceAsync(arguments, layout, stop.Token);
        }

        ResultReport.Print(arguments, layout, ours, reference);
        return ours is null || (ours.SendFailures == 0 && ours.Lost == 0 && ours.Held == ours.Connections) ? 0 : 1;
    }

    private static async Task<LoadResult> RunOursAsync(RealtimeArguments arguments, LoadLayout layout, CancellationToken cancellationToken)
    {
        var population = await ChatSetup.CreateAsync(arguments, cancellationToken);
        var hubs = arguments.HubUrls.Count > 0 ? arguments.HubUrls : [arguments.GatewayHubUrl];
        var run = new LoadRun(arguments, layout, (i, received) => new ChatLoadConnection(
            hubs[i % hubs.Count], population.AccessTokens[layout.MemberOf(i)], arguments.Protocol,
            population.ConversationIds[layout.ConversationOf(i)], received));
        var watched = arguments.HubUrls.Count > 0 ? arguments.HubUrls : [arguments.Url];
        return await run.RunAsync("nexuschat", () => ServerProcesses.Find(watched, arguments.Pids), cancellationToken);
    }

    private static async Task<LoadResult> RunReferenceAsync(RealtimeArguments arguments, LoadLayout layout, CancellationToken cancellationToken)
    {
        await using var server = await ReferenceServerProcess.StartAsync(arguments.ReferencePort, cancellationToken);
        var run = new LoadRun(arguments, layout, (i, received) =>
            new ReferenceLoadConnection(server.HubUrl, $"group-{layout.ConversationOf(i)}", received));
        return await run.RunAsync("reference", () => [(server.Pid, "reference")], cancellationToken);
    }
}
