using System.Text.Json;
using NexusChat.Storage.Conversations;
using StackExchange.Redis;

namespace NexusChat.Worker.Previews;

/// <summary>
/// The preview made for each content hash, so the same bytes attached again (to another message, by anyone) are not
/// read and decoded again. Only a shortcut: losing it costs reprocessing, and each message's own attachment record in
/// the conversation store stays the truth.
/// </summary>
public sealed class PreviewCache(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static RedisKey Key(string sha256) => $"nexuschat:previews:{sha256}";

    public async Task<AttachmentPreview?> FindAsync(string sha256)
    {
        var cached = await redis.GetDatabase().StringGetAsync(Key(sha256));
        return cached.IsNullOrEmpty ? null : JsonSerializer.Deserialize<AttachmentPreview>(cached.ToString());
    }

    public Task SetAsync(string sha256, AttachmentPreview preview) =>
        redis.GetDatabase().StringSetAsync(Key(sha256), JsonSerializer.Serialize(preview), Lifetime);
}
