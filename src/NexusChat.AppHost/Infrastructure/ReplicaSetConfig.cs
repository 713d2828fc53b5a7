using MongoDB.Bson;

namespace NexusChat.AppHost.Infrastructure;

/// <summary>The replica set's config documents: the first one, and one moved to the members' current addresses.</summary>
public static class ReplicaSetConfig
{
    public static BsonDocument Initial(string setName, IReadOnlyList<string> hosts) => new()
    {
        ["_id"] = setName,
        ["members"] = new BsonArray(hosts.Select((host, id) => new BsonDocument
        {
            ["_id"] = id,
            ["host"] = host,
            // The first member is preferred as primary so a fresh set elects predictably.
            ["priority"] = id == 0 ? 2 : 1,
        })),
    };

    /// <summary>
    /// <paramref name="current"/> with member <c>_id</c> n at <paramref name="hosts"/>[n] and a higher version, or null
    /// when every member is already there or a member cannot be matched to an address (then it is not ours to move).
    /// </summary>
    public static BsonDocument? MovedTo(BsonDocument current, IReadOnlyList<string> hosts)
    {
        var members = current["members"].AsBsonArray.Select(m => m.AsBsonDocument).ToList();
        if (members.Count != hosts.Count || members.Any(m => m["_id"].ToInt32() is var id && (id < 0 || id >= hosts.Count)))
        {
            return null;
        }

        if (members.All(m => string.Equals(m["host"].AsString, hosts[m["_id"].ToInt32()], StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var moved = current.DeepClone().AsBsonDocument;
        moved["version"] = current["version"].ToInt64() + 1;
        foreach (var member in moved["members"].AsBsonArray.Select(m => m.AsBsonDocument))
        {
            member["host"] = hosts[member["_id"].ToInt32()];
        }

        return moved;
    }
}
