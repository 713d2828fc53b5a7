using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Calls in Redis, shared by every replica: one JSON value per call changed by compare-and-set (read, apply a
/// <see cref="CallRules"/> step, write only if nobody wrote in between, else again), so concurrent joins, hang-ups and
/// sweeps on different replicas never lose each other's change, and exactly one of them ends a call. Beside it: which
/// call a conversation has (one at a time), which call a user is in (a hint, checked against the call), the index the
/// sweep walks, and when each participant's replica last renewed them. Everything expires: a call whose replicas all
/// died is gone after <see cref="CallOptions.StateTtl"/>.
/// </summary>
public sealed class CallStore(IConnectionMultiplexer redis, IOptions<CallOptions> options)
{
    private const string IndexKey = "calls:index";
    private const int MaxAttempts = 8;

    // Records a participant's media report once per call, only while the call exists; 1 the first time, 0 after, -1 no call.
    private static readonly LuaScript AddMediaReport = LuaScript.Prepare("""
        if redis.call('EXISTS', @call) == 0 then return -1 end
        local added = redis.call('SADD', @media, @user)
        redis.call('PEXPIRE', @media, @ttl)
        return added
        """);

    private static readonly LuaScript DeleteIfEqual = LuaScript.Prepare(
        "if redis.call('GET', @key) == @value then return redis.call('DEL', @key) end return 0");

    private IDatabase Db => redis.GetDatabase();

    private TimeSpan Ttl => options.Value.StateTtl;

    public abstract record StartResult
    {
        public sealed record Started(CallState Call) : StartResult;

        public sealed record Existing(string CallId) : StartResult;
    }

    /// <summary>Stores a new call unless the conversation already has one (then its id is returned, to join).</summary>
    public async Task<StartResult> StartAsync(CallState call)
    {
        var conversationKey = ConversationKey(call.ConversationId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await Db.StringGetAsync(conversationKey) is { HasValue: true } existing)
            {
                if (await GetAsync(existing!) is not null)
                {
                    return new StartResult.Existing(existing!);
                }

                // The call expired without its pointer (all its replicas died): take the conversation over.
                await Db.ScriptEvaluateAsync(DeleteIfEqual, new { key = (RedisKey)conversationKey, value = existing });
                continue;
            }

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.KeyNotExists(conversationKey));
            _ = transaction.StringSetAsync(conversationKey, call.Id, Ttl);
            _ = transaction.StringSetAsync(CallKey(call.Id), Serialize(call), Ttl);
            _ = transaction.StringSetAsync(UserKey(call.StartedBy), call.Id, Ttl);
            _ = transaction.SortedSetAddAsync(IndexKey, call.Id, call.StartedAt);
            if (await transaction.ExecuteAsync())
            {
                return new StartResult.Started(call);
            }
        }

        throw new InvalidOperationException($"could not start a call in {call.ConversationId}: too much contention");
    }

    /// <summary>The call; null when there is none (a null or empty id, as a hostile client may send, included).</summary>
    public async Task<CallState?> GetAsync(string? callId) =>
        !string.IsNullOrEmpty(callId) && await Db.StringGetAsync(CallKey(callId)) is { HasValue: true } json ? Deserialize(json!) : null;

    public async Task<CallState?> GetForConversationAsync(string conversationId) =>
        await Db.StringGetAsync(ConversationKey(conversationId)) is { HasValue: true } id ? await GetAsync(id!) : null;

    /// <summary>The call the user takes part in, if any (the pointer checked against the call).</summary>
    public async Task<CallState?> GetForUserAsync(string userId) =>
        await Db.StringGetAsync(UserKey(userId)) is { HasValue: true } id && await GetAsync(id!) is { } call
            && call.Participants.ContainsKey(userId)
            ? call
            : null;

    /// <summary>Applies <paramref name="step"/> to the call as it is now; null when there is no such call.</summary>
    public async Task<CallChange?> ChangeAsync(string callId, Func<CallState, CallChange> step)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var json = await Db.StringGetAsync(CallKey(callId));
            if (!json.HasValue)
            {
                return null;
            }

            var current = Deserialize(json!);
            var change = step(current);
            if (change is CallChange.Refused)
            {
                return change;
            }

            if (change is CallChange.Updated { Call: var same } && ReferenceEquals(same, current))
            {
                return new CallChange.Unchanged(current);
            }

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(CallKey(callId), json));
            var (after, ended) = change switch
            {
                CallChange.Updated updated => (updated.Call, false),
                CallChange.Ended end => (end.Call, true),
                _ => throw new InvalidOperationException($"unexpected {change}"),
            };
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (ended)
            {
                _ = transaction.KeyDeleteAsync([CallKey(callId), RenewedKey(callId), MediaKey(callId)]);
                _ = transaction.SortedSetRemoveAsync(IndexKey, callId);
            }
            else
            {
                _ = transaction.StringSetAsync(CallKey(callId), Serialize(after), expiry: null, keepTtl: true);
                // A seat that joined or moved counts as renewed now: an entry left from an earlier stay must not get
                // it swept before its new replica's first renewal.
                foreach (var (user, seat) in after.Participants)
                {
                    if (!current.Participants.TryGetValue(user, out var before) || before.ConnectionId != seat.ConnectionId)
                    {
                        _ = transaction.StringSetAsync(UserKey(user), callId, Ttl);
                        _ = transaction.HashSetAsync(RenewedKey(callId), user, now);
                    }
                }

                foreach (var gone in current.Participants.Keys.Except(after.Participants.Keys))
                {
                    _ = transaction.HashDeleteAsync(RenewedKey(callId), gone);
                }
            }

            if (!await transaction.ExecuteAsync())
            {
                continue;
            }

            foreach (var gone in current.Participants.Keys.Except(ended ? [] : after.Participants.Keys))
            {
                await Db.ScriptEvaluateAsync(DeleteIfEqual, new { key = (RedisKey)UserKey(gone), value = (RedisValue)callId });
            }

            if (ended)
            {
                // Only while it still names this call: a pointer is never taken from a newer one.
                await Db.ScriptEvaluateAsync(DeleteIfEqual, new { key = (RedisKey)ConversationKey(current.ConversationId), value = (RedisValue)callId });
            }

            return change;
        }

        throw new InvalidOperationException($"could not change call {callId}: too much contention");
    }

    /// <summary>Marks these participants alive now and keeps their calls from expiring; one round trip for all.</summary>
    public async Task RenewAsync(IReadOnlyCollection<(string CallId, string ConversationId, string UserId)> seats, long now)
    {
        if (seats.Count == 0)
        {
            return;
        }

        var batch = Db.CreateBatch();
        var work = new List<Task>();
        foreach (var (callId, conversationId, userId) in seats)
        {
            work.Add(batch.HashSetAsync(RenewedKey(callId), userId, now));
            work.Add(batch.KeyExpireAsync(ConversationKey(conversationId), Ttl));
            work.Add(batch.KeyExpireAsync(RenewedKey(callId), Ttl));
            work.Add(batch.KeyExpireAsync(CallKey(callId), Ttl));
            work.Add(batch.KeyExpireAsync(MediaKey(callId), Ttl));
            work.Add(batch.KeyExpireAsync(UserKey(userId), Ttl));
        }

        batch.Execute();
        await Task.WhenAll(work);
    }

    /// <summary>
    /// Notes that the user reported their media for the call: true the first time, false for a repeat or when the call
    /// is gone. Kept beside the call, renewed and removed with it, so a report cannot be counted twice while it runs.
    /// </summary>
    public async Task<bool> AddMediaReportAsync(string callId, string userId) =>
        (long)await Db.ScriptEvaluateAsync(AddMediaReport, new
        {
            call = (RedisKey)CallKey(callId), media = (RedisKey)MediaKey(callId), user = (RedisValue)userId,
            ttl = (long)Ttl.TotalMilliseconds,
        }) == 1;

    public async Task<IReadOnlyDictionary<string, long>> RenewedAtAsync(string callId) =>
        (await Db.HashGetAllAsync(RenewedKey(callId))).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);

    /// <summary>The calls the sweep looks at, oldest first, and drops index entries whose call expired.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(int limit)
    {
        var ids = (await Db.SortedSetRangeByRankAsync(IndexKey, 0, limit - 1)).Select(id => id.ToString()).ToList();
        var live = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (await Db.KeyExistsAsync(CallKey(id)))
            {
                live.Add(id);
            }
            else
            {
                await Db.SortedSetRemoveAsync(IndexKey, id);
            }
        }

        return live;
    }

    public async Task<long> CountAsync() => await Db.SortedSetLengthAsync(IndexKey);

    private static string CallKey(string callId) => $"calls:{callId}";

    private static string RenewedKey(string callId) => $"calls:{callId}:renewed";

    private static string MediaKey(string callId) => $"calls:{callId}:media";

    private static string ConversationKey(string conversationId) => $"calls:conversation:{conversationId}";

    private static string UserKey(string userId) => $"calls:user:{userId}";

    private static string Serialize(CallState call) => JsonSerializer.Serialize(call);

    private static CallState Deserialize(string json) =>
        JsonSerializer.Deserialize<CallState>(json) ?? throw new InvalidOperationException("a call stored as null");
}
