using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// One conversation's loaded messages in seq order, then this tab's unsent ones in the order they were written.
/// History pages, hub pushes and send answers may bring the same message several times and in any order: each
/// message is kept once (by seq), in its latest version, and a stored message replaces its optimistic copy (matched
/// by client message id).
/// </summary>
public sealed class Timeline
{
    private readonly SortedList<long, TimelineMessage> _stored = [];
    private readonly List<TimelineMessage> _unsent = [];
    private readonly Dictionary<string, MessageDto> _earlyChanges = new(StringComparer.Ordinal);

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
        var wasUnsent = _unsent.RemoveAll(m => m.ClientMessageId == message.ClientMessageId && m.SenderId == message.SenderId) > 0;
        if (_earlyChanges.Remove(message.Id, out var early) && early.Version > message.Version)
        {
            message = early;
        }

        if (_stored.TryGetValue(message.Seq, out var known) && known.Version >= message.Version)
        {
            // A preview made since is news even in a copy no newer than the one shown; an older copy never takes one back.
            if (known.WithPreviewsFrom(message.Attachments) is { } previewed)
            {
                _stored[message.Seq] = previewed;
                return true;
            }

            return wasUnsent;
        }

        _stored[message.Seq] = TimelineMessage.From(message);
        return true;
    }

    /// <summary>
    /// An edit, delete or reaction of a message. One whose message is not here yet (its push is still on the way, or
    /// it lies in a page not loaded) waits for it: shown alone it would sit out of context, and as the oldest message
    /// it would make the next page start below it and skip the messages in between.
    /// </summary>
    public bool ApplyChange(MessageDto message)
    {
        if (_stored.ContainsKey(message.Seq))
        {
            return Apply(message);
        }

        if (!_earlyChanges.TryGetValue(message.Id, out var held) || held.Version < message.Version)
        {
            _earlyChanges[message.Id] = message;
        }

        return false;
    }

    public void AddUnsent(TimelineMessage message) => _unsent.Add(message);

    /// <summary>
    /// Sends an unsent message and takes in the stored one; the same client message id on every attempt, so a send
    /// whose answer was lost is stored once. A failed send leaves it failed (unless its push brought it meanwhile).
    /// </summary>
    /// <returns>The server's refusal when the send failed with one; null when it was stored or the server was not reached.</returns>
    public async Task<NexusChat.Client.Rest.ApiProblemException?> DeliverAsync(TimelineMessage message, Func<TimelineMessage, Task<MessageDto>> send)
    {
        try
        {
            Apply(await send(message));
            return null;
        }
        // A cancelled send (the app is signing out) is neither stored nor failed.
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SetState(message.ClientMessageId, SendState.Failed);
            return exception as NexusChat.Client.Rest.ApiProblemException;
        }
    }

    public void SetState(string clientMessageId, SendState state)
    {
        var index = _unsent.FindIndex(m => m.ClientMessageId == clientMessageId);
        if (index >= 0)
        {
            _unsent[index] = _unsent[index] with { State = state };
        }
    }

    public TimelineMessage? FindUnsent(string clientMessageId) => _unsent.Find(m => m.ClientMessageId == clientMessageId);

    public void RemoveUnsent(string clientMessageId) => _unsent.RemoveAll(m => m.ClientMessageId == clientMessageId);

    /// <summary>Whether the sender's message with this client message id is among the loaded stored ones.</summary>
    public bool HoldsStored(string senderId, string clientMessageId) =>
        _stored.Values.Any(m => m.SenderId == senderId && m.ClientMessageId == clientMessageId);

    public TimelineMessage? Find(string messageId) => _stored.Values.FirstOrDefault(m => m.Id == messageId);
}
