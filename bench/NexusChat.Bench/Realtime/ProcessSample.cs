using System.Globalization;

namespace NexusChat.Bench.Realtime;

/// <summary>CPU time and resident memory of one process, read from /proc (Linux only, as the servers here run).</summary>
public sealed record ProcessSample(int Pid, string Role, double CpuSeconds, double RssMegabytes)
{
    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat, 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public static ProcessSample? Read(int pid, string role)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            var rssLine = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var rssKb = rssLine is null ? 0 : double.Parse(rssLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return new ProcessSample(pid, role, ticks / TicksPerSecond, rssKb / 1024);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>A process's average CPU (% of one core) over the measured window and its RSS at the window's end.</summary>
public sealed record ProcessUsage(int Pid, string Role, double CpuPercent, double RssMegabytes);
