using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Web.Client.Features.Conversations;

/// <summary>
/// The signed-in user's conversations with their unread and mention counts, kept current from hub events and
/// ordered by last activity. The list route carries no members, so a DM's other user is looked up once.
/// </summary>
public sealed class ConversationList(ConversationsClient conversations, UserDirectory users, AuthSession session)
{
    private readonly Dictionary<string, ConversationEntry> _entries = new(StringComparer.Ordinal);

    public event Action? Changed;

    public bool Loaded { get; private set; }

    public IReadOnlyList<ConversationEntry> Ordered =>
        _entries.Values.OrderByDescending(e => e.Conversation.LastActivityAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    public ConversationEntry? Find(string conversationId) => _entries.GetValueOrDefault(conversationId);

    public string NameOf(ConversationEntry entry) =>
        entry.IsDirect
            ? entry.OtherUserId is { } other ? users.NameOf(other) : "Direct message"
            : entry.Conversation.Name ?? "Unnamed channel";

    /// <summary>Loads (or reloads) the list; returns the conversations so the caller can track them on the hub.</summary>
    public async Task<IReadOnlyList<ConversationDto>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var page = await conversations.ListAsync(cancellationToken: cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conversation in page.Items)
        {
            seen.Add(conversation.Id);
            var other = _entries.GetValueOrDefault(conversation.Id)?.OtherUserId;
            _entries[conversation.Id] = new ConversationEntry(conversation, other);
        }

        foreach (var gone in _entries.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            _entries.Remove(gone);
        }

        Loaded = true;
        Changed?.Invoke();
        await ResolveDirectPartnersAsync(cancellationToken);
        return page.Items;
    }

    /// <summary>Created, joined, renamed or members changed (the hub's ConversationUpdated, or our own REST answer).</summary>
    public void Upsert(ConversationDto conversation)
    {
        if (conversation.MyRole is null)
        {
            Remove(conversation.Id);
            return;
        }

        var existing = _entries.GetValueOrDefault(conversation.Id);
        // Pushed and created conversations carry no counts; the ones we hold are the current ones.
        var merged = existing is null
            ? conversation
            : conversation with
            {
                UnreadCount = existing.Conversation.UnreadCount,
                MentionCount = existing.Conversation.MentionCount,
                LastMessage = conversation.LastMessage ?? existing.Conversation.LastMessage,
            };
        var other = conversation.Type != ConversationKinds.Direct
            ? null
            : existing?.OtherUserId ?? conversation.Members?.FirstOrDefault(m => m.UserId != session.User?.Id)?.UserId;
        _entries[conversation.Id] = new ConversationEntry(merged, other);
        Changed?.Invoke();
        if (other is null && merged.Type == ConversationKinds.Direct)
        {
            _ = ResolveDirectPartnersAsync(CancellationToken.None);
        }
    }

    /// <summary>The reader muted or unmuted it here; the hub's ConversationUpdated says the same to every device.</summary>
    public void SetMuted(string conversationId, bool muted)
    {
        if (_entries.TryGetValue(conversationId, out var entry) && entry.Conversation.Muted != muted)
        {
            _entries[conversationId] = entry with { Conversation = entry.Conversation with { Muted = muted } };
            Changed?.Invoke();
        }
    }

    public void Remove(string conversationId)
    {
        if (_entries.Remove(conversationId))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>A new message: moves the conversation up, and counts it as unread unless the reader is looking at it.</summary>
    public void OnMessage(MessageDto message, string myUserId, bool beingRead)
    {
        if (!_entries.TryGetValue(message.ConversationId, out var entry))
        {
            return;
        }

        var conversation = entry.Conversation;
        var unread = message.SenderId != myUserId && !beingRead && !message.Deleted;
        // As the server counts: a thread-only reply is not unread in the channel (a mention in it still is).
        var inChannel = message.ThreadId is null || message.AlsoToChannel;
        _entries[entry.Id] = entry with
        {
            Conversation = conversation with
            {
                LastSeq = Math.Max(conversation.LastSeq, message.Seq),
                LastActivityAt = message.CreatedAt > conversation.LastActivityAt ? message.CreatedAt : conversation.LastActivityAt,
                LastMessage = inChannel ? message : conversation.LastMessage,
                LastReadSeq = message.SenderId == myUserId || beingRead ? Math.Max(conversation.LastReadSeq, message.Seq) : conversation.LastReadSeq,
                UnreadCount = conversation.UnreadCount + (unread && inChannel ? 1 : 0),
                MentionCount = conversation.MentionCount + (unread && message.Mentions.Contains(myUserId) ? 1 : 0),
            },
        };
        Changed?.Invoke();
    }

    /// <summary>
    /// The read position moved (here or on another device). Read to the end clears the badge; a position short of
    /// the end cannot be counted here (only the server knows which later messages were deleted), so it says reload.
    /// </summary>
    public bool OnReadState(ReadStateDto state)
    {
        if (!_entries.TryGetValue(state.ConversationId, out var entry))
        {
            return false;
        }

        var conversation = entry.Conversation;
        if (state.LastReadSeq >= conversation.LastSeq)
        {
            _entries[entry.Id] = entry with
            {
                Conversation = conversation with { LastReadSeq = state.LastReadSeq, UnreadCount = 0, MentionCount = 0 },
            };
            Changed?.Invoke();
            return false;
        }

        return state.LastReadSeq > conversation.LastReadSeq;
    }

    public void Clear()
    {
        _entries.Clear();
        Loaded = false;
    }

    private async Task ResolveDirectPartnersAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in _entries.Values.Where(e => e.IsDirect && e.OtherUserId is null).ToList())
        {
            try
            {
                var details = await conversations.GetAsync(entry.Id, cancellationToken);
                var me = session.User?.Id;
                var other = details.Members?.Select(m => m.UserId).FirstOrDefault(id => id != me);
                if (other is not null && _entries.TryGetValue(entry.Id, out var current))
                {
                    _entries[entry.Id] = current with { OtherUserId = other };
                    await users.GetAsync(other);
                    Changed?.Invoke();
                }
            }
            catch (ApiProblemException)
            {
                // Gone meanwhile; the next reload drops it.
            }
        }
    }
}
