using System.Globalization;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// Finds the server processes to measure: the process listening on each hub address's port, and beside it (the
/// children of the same Aspire DCP controller, so another worktree's AppHost on this machine is not confused with
/// ours) the worker, Redis and RabbitMQ.
/// </summary>
public static class ServerProcesses
{
    public static IReadOnlyList<(int Pid, string Role)> Find(IReadOnlyList<Uri> addresses, IReadOnlyList<int> realtimePids)
    {
        var listening = addresses.Select(a => ListeningPid(a.Port)).OfType<int>().ToList();
        var found = realtimePids.Select(pid => (pid, "realtime")).ToList();
        var controller = realtimePids.Concat(listening).Select(DcpController).OfType<int>().FirstOrDefault();
        if (controller == 0)
        {
            found.AddRange(listening.Where(pid => !realtimePids.Contains(pid)).Select(pid => (pid, "server")));
            return found;
        }

        foreach (var pid in Descendants(controller))
        {
            var role = RoleOf(pid);
            if (role is not null && !(role == "realtime" && realtimePids.Count > 0))
            {
                found.Add((pid, role));
            }
        }

        return found;
    }

    /// <summary>
    /// The hub addresses of the realtime replicas started by the same AppHost as the gateway at
    /// <paramref name="gateway"/>: their own Kestrel ports, not the DCP proxy's (which the start table shows).
    /// </summary>
    public static IReadOnlyList<Uri> DirectRealtimeHubs(Uri gateway)
    {
        var controller = ListeningPid(gateway.Port) is { } pid ? DcpController(pid) : null;
        var listening = Listening();
        var hubs = controller is null ? [] : Descendants(controller.Value).Where(p => RoleOf(p) == "realtime")
            .SelectMany(p => SocketsOf(p).Select(s => listening.GetValueOrDefault(s)).Where(port => port > 0).Distinct())
            .Select(port => new Uri($"http://localhost:{port}/hubs/chat"))
            .ToList();
        return hubs.Count > 0 ? hubs : throw new InvalidOperationException($"no realtime replica found behind {gateway}");
    }

    /// <summary>
    /// The gateway and api replica processes of the AppHost that runs whatever listens at <paramref name="address"/>
    /// (the gateway or one api replica); empty when it is not under a DCP controller.
    /// </summary>
    public static IReadOnlyList<(int Pid, string Role)> GatewayAndApi(Uri address)
    {
        var controller = ListeningPid(address.Port) is { } pid ? DcpController(pid) : null;
        return controller is null ? [] : Descendants(controller.Value)
            .Select(p => (Pid: p, Role: RoleOf(p)))
            .Where(p => p.Role is "gateway" or "api")
            .Select(p => (p.Pid, p.Role!))
            .ToList();
    }

    public static int? ListeningPid(int port)
    {
        var inodes = Listening().Where(l => l.Value == port).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        return AllPids().Where(pid => SocketsOf(pid).Any(inodes.Contains)).Select(pid => (int?)pid).FirstOrDefault();
    }

    // Listening sockets ("socket:[inode]") and their ports.
    private static Dictionary<string, int> Listening()
    {
        var sockets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is HEXIP:HEXPORT; state 0A is LISTEN.
                if (fields[3] == "0A")
                {
                    sockets[$"socket:[{fields[9]}]"] = int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                }
            }
        }

        return sockets;
    }

    private static List<string> SocketsOf(int pid)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Select(fd => new FileInfo(fd).LinkTarget ?? "").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked.
            return [];
        }
    }

    private static string? RoleOf(int pid)
    {
        var command = CommandLine(pid);
        // Redis rewrites its title to "/usr/bin/redis-server 127.0.0.1:PORT", one argument with a space.
        var program = (command.FirstOrDefault() ?? "").Split(' ')[0];
        return program switch
        {
            _ when program.EndsWith("redis-server", StringComparison.Ordinal) => "redis",
            _ when program.EndsWith("/beam.smp", StringComparison.Ordinal) => "rabbitmq",
            // The service itself, not the `dotnet run` that DCP starts it through.
            _ when program.EndsWith("/NexusChat.Realtime", StringComparison.Ordinal) => "realtime",
            _ when program.EndsWith("/NexusChat.Worker", StringComparison.Ordinal) => "worker",
            _ when program.EndsWith("/NexusChat.Web", StringComparison.Ordinal) => "gateway",
            _ when program.EndsWith("/NexusChat.Api", StringComparison.Ordinal) => "api",
            _ => null,
        };
    }

    private static int? DcpController(int pid)
    {
        for (var current = pid; current > 1; current = ParentOf(current))
        {
            var command = CommandLine(current);
            if (command.Length > 1 && command[0].EndsWith("/dcp", StringComparison.Ordinal) && command[1] == "run-controllers")
            {
                return current;
            }
        }

        return null;
    }

    private static IEnumerable<int> Descendants(int root)
    {
        var children = AllPids().GroupBy(ParentOf).ToDictionary(g => g.Key, g => g.ToList());
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                yield return child;
                pending.Push(child);
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : 0).Where(pid => pid > 0);
}
