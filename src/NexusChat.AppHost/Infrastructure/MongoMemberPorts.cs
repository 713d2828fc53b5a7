using System.Globalization;
using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// Container mode's replica-set member ports, kept across AppHost runs in the data root. A member's data volume keeps
/// the set's config, which names each member by host and port; with a new random port every run, each member found
/// itself missing from that config on the second start (REMOVED) and the set never came up. A port that something
/// else holds now is replaced, and <see cref="MongoReplicaSetHealthCheck"/> moves the config to the new address.
/// </summary>
public static class MongoMemberPorts
{
    public const string FileName = "mongo-member-ports.txt";

    public static IReadOnlyList<int> Resolve(string dataRoot, int count)
    {
        var file = Path.Combine(dataRoot, FileName);
        var saved = File.Exists(file)
            ? File.ReadAllLines(file)
                .Select(line => int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0)
                .ToList()
            : [];
        var ports = Enumerable.Range(0, count)
            .Select(i => i < saved.Count && saved[i] > 0 && LoopbackPorts.TryClaim(saved[i]) ? saved[i] : LoopbackPorts.Free())
            .ToList();

        Directory.CreateDirectory(dataRoot);
        File.WriteAllLines(file, ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        return ports;
    }
}
