using System.Globalization;
using StackExchange.Redis;

namespace NexusChat.Conversations.Attachments;

/// <summary>
/// The records of completed uploads in Redis, read wherever a message is sent (api and realtime); the api's upload
/// store writes them when an upload completes. A message copies what it needs (<see cref="AttachmentMetadata"/>) into
/// the conversation store, so a record is only read at send time.
/// </summary>
public sealed class CompletedFiles(IConnectionMultiplexer redis)
{
    /// <summary>The hash holding one completed file's owner, name, type, size, sha256 and creation time.</summary>
    public static RedisKey Key(string fileId) => $"nexuschat:files:{fileId}";

    /// <summary>The file, or null when no upload completed with this id.</summary>
    public async Task<FileRecord?> FindAsync(string fileId)
    {
        // Ids are ours (a Guid in "N" form); anything else is no file and costs no round trip.
        if (!Guid.TryParseExact(fileId, "N", out _))
        {
            return null;
        }

        var fields = (await redis.GetDatabase().HashGetAllAsync(Key(fileId))).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        if (!fields.TryGetValue("owner", out var owner) || owner is null)
        {
            return null;
        }

        return new FileRecord(fileId, owner, Text(fields.GetValueOrDefault("name")), Text(fields.GetValueOrDefault("type")),
            long.Parse(fields["size"]!, CultureInfo.InvariantCulture), fields["sha256"]!,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields["created"]!, CultureInfo.InvariantCulture)));
    }

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
