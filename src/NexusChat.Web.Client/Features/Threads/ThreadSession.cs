using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Web.Client.Features.Threads;

/// <summary>
/// One open thread: its root, its replies (the latest page, earlier pages on request, pushes and this tab's sends, each
/// kept once by the same <see cref="Timeline"/> rules as the conversation) and what the reader does with them. The
/// conversation's pushes are offered to it; it takes the replies of its root and the root's own changes (a new count).
/// </summary>
public sealed class ThreadSession(string myUserId, string rootId, IConversationChannel channel, TimeProvider time)
{
    public const int PageSize = 30;

    private readonly Timeline _replies = new();

    public string RootId => rootId;

    /// <summary>Null until loaded.</summary>
    public TimelineMessage? Root { get; private set; }

    public IReadOnlyList<TimelineMessage> Replies => _replies.Messages;

    public bool HasEarlier => _replies.HasOlder && _replies.OldestSeq is not null;

    public bool LoadingEarlier { get; private set; }

    /// <summary>Raised when something shown changed (a push, an answer, a page).</summary>
    public event Action? Changed;

    public async Task LoadAsync()
    {
        var page = await channel.GetThreadAsync(rootId, null, PageSize);
        TakeRoot(page.Root);
        _replies.AddHistory(page.Replies, page.Next is not null);
        Changed?.Invoke();
    }

    public async Task LoadEarlierAsync()
    {
        if (LoadingEarlier || !HasEarlier)
        {
            return;
        }

        LoadingEarlier = true;
        try
        {
            var page = await channel.GetThreadAsync(rootId, _replies.OldestSeq, PageSize);
            TakeRoot(page.Root);
            _replies.AddHistory(page.Replies, page.Next is not null);
        }
        finally
        {
            LoadingEarlier = false;
            Changed?.Invoke();
        }
    }

    /// <summary>Shows the reply at once as pending, then sends it to the thread (and the channel too when asked).</summary>
    public async Task<ApiProblemException?> SendAsync(OutgoingMessage outgoing, bool alsoToChannel)
    {
        var message = TimelineMessage.Pending(
            ChatConnection.NewClientMessageId(), myUserId, outgoing.Text, null, time.GetUtcNow(), outgoing.Attachments)
            with { ThreadId = rootId, AlsoToChannel = alsoToChannel };
        _replies.AddUnsent(message);
        Changed?.Invoke();
        try
        {
            return await _replies.DeliverAsync(message, channel.SendAsync);
        }
        finally
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Sends a failed reply again; nothing when it is no longer failed.</summary>
    public async Task<ApiProblemException?> RetryAsync(string clientMessageId)
    {
        if (_replies.FindUnsent(clientMessageId) is not { State: SendState.Failed } message)
        {
            return null;
        }

        _replies.SetState(clientMessageId, SendState.Pending);
        Changed?.Invoke();
        try
        {
            return await _replies.DeliverAsync(message, channel.SendAsync);
        }
        finally
        {
            Changed?.Invoke();
        }
    }

    /// <summary>A new message of the conversation (pushed or stored by a send); false when it is not this thread's or brought nothing new.</summary>
    public bool Receive(MessageDto message) => Notify(message.ThreadId == rootId ? _replies.Apply(message) : TakeRoot(message));

    /// <summary>A change of a message of the conversation: a reply's edit, delete or reaction, or the root's new summary.</summary>
    public bool Change(MessageDto message) => Notify(message.ThreadId == rootId ? _replies.ApplyChange(message) : TakeRoot(message));

    public Task EditAsync(string messageId, string text) => AnswerAsync(channel.EditAsync(messageId, text));

    public Task DeleteAsync(string messageId) => AnswerAsync(channel.DeleteAsync(messageId));

    public Task AddReactionAsync(string messageId, string emoji) => AnswerAsync(channel.AddReactionAsync(messageId, emoji));

    public Task ToggleReactionAsync(string messageId, ReactionDto reaction) => AnswerAsync(reaction.Me
        ? channel.RemoveReactionAsync(messageId, reaction.Emoji)
        : channel.AddReactionAsync(messageId, reaction.Emoji));

    private async Task AnswerAsync(Task<MessageDto> change) => Change(await change);

    // The root is replaced only by a newer version of itself, so a late page or push never takes a count back.
    private bool TakeRoot(MessageDto message)
    {
        if (message.Id != rootId || (Root is not null && Root.Version >= message.Version))
        {
            return false;
        }

        Root = TimelineMessage.From(message);
        return true;
    }

    private bool Notify(bool changed)
    {
        if (changed)
        {
            Changed?.Invoke();
        }

        return changed;
    }
}
