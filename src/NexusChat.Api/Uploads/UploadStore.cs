using System.Globalization;
using NexusChat.Conversations.Attachments;
using StackExchange.Redis;

namespace NexusChat.Api.Uploads;

/// <summary>
/// Uploads in progress, shared by every api replica through Redis: the upload itself (owner, length, offset, expiry,
/// name, type), each user's uploads in progress and bytes held (for the limits), and the expiry index the cleanup
/// reads. Each change is one script, so limits hold when replicas create uploads for one user at the same moment.
/// Completed files are recorded here too (read back by <see cref="CompletedFiles"/> when a message attaches one; the
/// message copies its name, type, size and sha256 into the conversation store).
/// </summary>
public sealed class UploadStore(IConnectionMultiplexer redis)
{
    private const string Prefix = "nexuschat:uploads:";
    private static readonly RedisKey Expiring = Prefix + "expiring";

    // 0 created, 1 too many uploads in progress, 2 over quota.
    private const string CreateScript = """
        if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[7]) then return 1 end
        local held = tonumber(redis.call('GET', KEYS[3]) or '0')
        if held + tonumber(ARGV[3]) > tonumber(ARGV[8]) then return 2 end
        redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'length', ARGV[3], 'offset', 0, 'expires', ARGV[4], 'name', ARGV[5], 'type', ARGV[6])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('INCRBY', KEYS[3], ARGV[3])
        redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
        return 0
        """;

    // Moves the offset only from where the writer found it, and only while the upload still exists.
    private const string AdvanceScript = """
        if redis.call('HGET', KEYS[1], 'offset') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'offset', ARGV[2], 'expires', ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
        return 1
        """;

    // The upload ends as a completed file: no longer in progress or expiring; its record stays a while for HEAD.
    private const string CompleteScript = """
        if redis.call('HGET', KEYS[1], 'offset') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'offset', ARGV[2], 'file', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('SREM', KEYS[2], ARGV[5])
        redis.call('ZREM', KEYS[3], ARGV[5])
        redis.call('HSET', KEYS[4], 'owner', ARGV[6], 'name', ARGV[7], 'type', ARGV[8], 'size', ARGV[2], 'sha256', ARGV[9], 'created', ARGV[10])
        return 1
        """;

    // Forgets an upload once; the bytes it held return to the quota unless it became a file.
    private const string RemoveScript = """
        local length = redis.call('HGET', KEYS[1], 'length')
        if not length then return 0 end
        local file = redis.call('HGET', KEYS[1], 'file')
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[3], ARGV[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        if not file then redis.call('DECRBY', KEYS[4], length) end
        return 1
        """;

    public enum CreateOutcome { Created, TooManyUploads, OverQuota }

    private IDatabase Db => redis.GetDatabase();

    public async Task<CreateOutcome> CreateAsync(UploadRecord upload, UploadOptions limits)
    {
        var result = (int)await Db.ScriptEvaluateAsync(CreateScript,
            [UploadKey(upload.Id), ActiveKey(upload.OwnerId), HeldKey(upload.OwnerId), Expiring],
            [upload.Id, upload.OwnerId, upload.Length, upload.ExpiresAt.ToUnixTimeMilliseconds(), upload.FileName ?? "",
                upload.FileType ?? "", limits.MaxConcurrentPerUser, limits.QuotaPerUser]);
        return (CreateOutcome)result;
    }

    public async Task<UploadRecord?> FindAsync(string id)
    {
        var fields = (await Db.HashGetAllAsync(UploadKey(id))).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        if (!fields.TryGetValue("owner", out var owner) || owner is null)
        {
            return null;
        }

        return new UploadRecord(id, owner, Number(fields["length"]), Number(fields["offset"]),
            DateTimeOffset.FromUnixTimeMilliseconds(Number(fields["expires"])), Text(fields.GetValueOrDefault("name")),
            Text(fields.GetValueOrDefault("type")), fields.GetValueOrDefault("file"));
    }

    /// <summary>False when the upload is gone or its offset moved since <paramref name="from"/>.</summary>
    public async Task<bool> AdvanceAsync(string id, long from, long to, DateTimeOffset expiresAt) =>
        (int)await Db.ScriptEvaluateAsync(AdvanceScript, [UploadKey(id), Expiring],
            [from, to, expiresAt.ToUnixTimeMilliseconds(), id]) == 1;

    /// <summary>Records <paramref name="file"/> as what the upload became, keeping the upload for HEAD for <paramref name="keepFor"/>.</summary>
    public async Task<bool> CompleteAsync(UploadRecord upload, FileRecord file, TimeSpan keepFor) =>
        (int)await Db.ScriptEvaluateAsync(CompleteScript,
            [UploadKey(upload.Id), ActiveKey(upload.OwnerId), Expiring, FileKey(file.Id)],
            [upload.Offset, file.Size, file.Id, (long)keepFor.TotalMilliseconds, upload.Id, file.OwnerId, file.Name ?? "",
                file.ContentType ?? "", file.Sha256, file.CreatedAt.ToUnixTimeMilliseconds()]) == 1;

    public async Task<bool> RemoveAsync(UploadRecord upload) =>
        (int)await Db.ScriptEvaluateAsync(RemoveScript,
            [UploadKey(upload.Id), ActiveKey(upload.OwnerId), Expiring, HeldKey(upload.OwnerId)], [upload.Id]) == 1;

    /// <summary>Ids of uploads whose expiry passed by <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ExpiredAsync(DateTimeOffset now, int take) =>
        (await Db.SortedSetRangeByScoreAsync(Expiring, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: take))
            .Select(id => id.ToString()).ToList();

    private static RedisKey UploadKey(string id) => $"{Prefix}upload:{id}";
    private static RedisKey ActiveKey(string ownerId) => $"{Prefix}active:{ownerId}";
    private static RedisKey HeldKey(string ownerId) => $"{Prefix}held-bytes:{ownerId}";
    private static RedisKey FileKey(string fileId) => CompletedFiles.Key(fileId);

    private static long Number(string? value) => long.Parse(value!, CultureInfo.InvariantCulture);

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
