using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// One conversation's loaded messages in seq order, then this tab's unsent ones in the order they were written.
/// History pages, hub pushes and send answers may bring the same message several times and in any order: each
/// message is kept once, in its latest version, and a stored message replaces its optimistic copy.
/// </summary>
public sealed class Timeline
{
    private readonly SortedList<long, TimelineMessage> _stored = [];
    private readonly List<TimelineMessage> _unsent = [];

    /// <summary>Whether older messages than the first loaded exist.</summary>
    public bool HasOlder { get; private set; } = true;

    public long? OldestSeq => _stored.Count > 0 ? _stored.Keys[0] : null;

    public long NewestSeq => _stored.Count > 0 ? _stored.Keys[^1] : 0;

    public IReadOnlyList<TimelineMessage> Messages => [.. _stored.Values, .. _unsent];

    /// <summary>A history page (newest first, as the API returns it); <paramref name="hasOlder"/> from its next cursor.</summary>
    public void AddHistory(IEnumerable<MessageDto> page, bool hasOlder)
    {
        foreach (var message in page)
        {
            Apply(message);
        }

        HasOlder = hasOlder;
    }

    /// <summary>Adds or updates a stored message; false when it brought nothing new.</summary>
    public bool Apply(MessageDto message)
    {
        var unsent = _unsent.FindIndex(m => m.ClientMessageId == message.ClientMessageId && m.SenderId == message.SenderId);
        if (unsent >= 0)
        {
            _unsent.RemoveAt(unsent);
        }

        if (_stored.TryGetValue(message.Seq, out var known) && known.Version >= message.Version && unsent < 0)
        {
            return false;
        }

        _stored[message.Seq] = TimelineMessage.From(message);
        return true;
    }

    public void AddUnsent(TimelineMessage message) => _unsent.Add(message);

    public void SetState(string clientMessageId, SendState state)
    {
        var index = _unsent.FindIndex(m => m.ClientMessageId == clientMessageId);
        if (index >= 0)
        {
            _unsent[index] = _unsent[index] with { State = state };
        }
    }

    public TimelineMessage? FindUnsent(string clientMessageId) => _unsent.Find(m => m.ClientMessageId == clientMessageId);

    public TimelineMessage? Find(string messageId) => _stored.Values.FirstOrDefault(m => m.Id == messageId);
}
