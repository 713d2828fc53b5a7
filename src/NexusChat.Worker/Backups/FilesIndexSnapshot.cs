using System.Text.Json;
using NexusChat.Conversations.Attachments;
using StackExchange.Redis;

namespace NexusChat.Worker.Backups;

/// <summary>
/// The file storage's index: the record of every completed upload, which lives in Redis (<see cref="CompletedFiles"/>)
/// and is what a message is checked against when it attaches a file. A sent message carries its own copy of the
/// record in the store, so this index matters for uploads completed and not yet sent; it is saved beside the store
/// so a restore loses none of them. Each record is a few fields; the dump is one JSON object per file id.
/// </summary>
public static class FilesIndexSnapshot
{
    public static async Task<int> SaveAsync(IConnectionMultiplexer redis, string path, CancellationToken cancellationToken)
    {
        var records = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: CompletedFiles.Key("*").ToString(), pageSize: 1000).WithCancellation(cancellationToken))
            {
                var fields = await redis.GetDatabase().HashGetAllAsync(key);
                if (fields.Length > 0)
                {
                    records[key.ToString()] = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString());
                }
            }
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, records, cancellationToken: cancellationToken);
        return records.Count;
    }

    /// <summary>Writes the saved records back (existing records of the same ids are replaced field by field).</summary>
    public static async Task<int> RestoreAsync(string path, IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        Dictionary<string, Dictionary<string, string>> records;
        await using (var file = File.OpenRead(path))
        {
            records = await JsonSerializer.DeserializeAsync<Dictionary<string, Dictionary<string, string>>>(file, cancellationToken: cancellationToken) ?? [];
        }

        var database = redis.GetDatabase();
        foreach (var (key, fields) in records)
        {
            await database.HashSetAsync(key, fields.Select(f => new HashEntry(f.Key, f.Value)).ToArray());
        }

        return records.Count;
    }
}
