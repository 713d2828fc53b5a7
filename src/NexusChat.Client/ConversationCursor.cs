using NexusChat.Contracts.Conversations;

namespace NexusChat.Client;

/// <summary>
/// What the client has delivered of one conversation: the highest seq with no gap below it, the version up to which
/// changes were last synced, and each message's latest delivered version. Live events may arrive twice (after a
/// reconnect) or out of order (competing consumers on the server); this is what turns them into exactly-once,
/// in-order delivery.
/// </summary>
public sealed class ConversationCursor(long lastSeq, long syncedVersion)
{
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, MessageDto> _pending = [];
    private readonly Dictionary<string, MessageDto> _earlyUpdates = new(StringComparer.Ordinal);

    public long LastSeq { get; private set; } = lastSeq;

    public long SyncedVersion { get; set; } = syncedVersion;

    public SeqPosition Place(long seq) =>
        seq <= LastSeq ? SeqPosition.AlreadyDelivered : seq == LastSeq + 1 ? SeqPosition.Next : SeqPosition.AfterGap;

    /// <summary>Records a new message as delivered; only valid for <see cref="SeqPosition.Next"/>.</summary>
    public void Advance(MessageDto message)
    {
        if (message.Seq != LastSeq + 1)
        {
            throw new InvalidOperationException($"seq {message.Seq} does not follow {LastSeq}");
        }

        LastSeq = message.Seq;
        _versions[message.Id] = message.Version;
    }

    /// <summary>Marks everything up to <paramref name="seq"/> as delivered (the app loaded it another way, e.g. REST history).</summary>
    public void CatchUp(long seq)
    {
        LastSeq = Math.Max(LastSeq, seq);
        foreach (var early in _pending.Keys.Where(k => k <= LastSeq).ToList())
        {
            _pending.Remove(early);
        }
    }

    /// <summary>Holds a message that arrived ahead of a gap, hoping the missing ones arrive by themselves.</summary>
    public void Hold(MessageDto message) => _pending.TryAdd(message.Seq, message);

    /// <summary>Whether messages wait behind a gap.</summary>
    public bool HasGap => _pending.Count > 0;

    /// <summary>Held messages that now follow on, in seq order (each already advanced over).</summary>
    public IEnumerable<MessageDto> ReleaseHeld()
    {
        while (_pending.Remove(LastSeq + 1, out var next))
        {
            Advance(next);
            yield return next;
        }

        CatchUp(LastSeq);
    }

    /// <summary>
    /// Keeps a change that overtook its message's creation (two replicas pushed them), to apply once the message is
    /// delivered; without it the edit would be lost until the next resync.
    /// </summary>
    public void HoldUpdate(MessageDto message)
    {
        if (!_earlyUpdates.TryGetValue(message.Id, out var held) || held.Version < message.Version)
        {
            _earlyUpdates[message.Id] = message;
        }
    }

    /// <summary>A held change of a just-delivered message that is newer than what was delivered, if any.</summary>
    public MessageDto? TakeEarlyUpdate(MessageDto delivered) =>
        _earlyUpdates.Remove(delivered.Id, out var update) && TakeUpdate(update) ? update : null;

    /// <summary>Whether a changed message is newer than what was delivered of it (and records it if so).</summary>
    public bool TakeUpdate(MessageDto message)
    {
        if (_versions.TryGetValue(message.Id, out var delivered) && delivered >= message.Version)
        {
            return false;
        }

        _versions[message.Id] = message.Version;
        return true;
    }
}

public enum SeqPosition
{
    AlreadyDelivered,
    Next,
    AfterGap,
}
