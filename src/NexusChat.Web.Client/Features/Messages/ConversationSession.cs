using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// One open conversation and what the reader does with its messages: the latest page, older pages while scrolling
/// up, this tab's sends (pending at once, stored when the send's answer or the hub's push arrives, whichever is first;
/// tried again while the server cannot be reached, failed with a retry when refused or out of attempts; kept in
/// browser storage until acknowledged, so a reload shows and resends them) and the hub's pushes and changes. Every path may bring the same message,
/// in any order; the <see cref="Timeline"/> keeps it once. A session serves one conversation: opening another starts
/// a new session, so an answer that comes back late lands in one nobody shows.
/// </summary>
/// <param name="myUserId">The sender of this tab's messages.</param>
/// <param name="zone">Where the day separators fall.</param>
/// <param name="kept">Where unacknowledged sends are kept across reloads; null keeps them in memory only.</param>
/// <param name="retryDelays">The waits between attempts of a send that did not reach the server (none: one attempt).</param>
public sealed class ConversationSession(
    string myUserId, IConversationChannel channel, TimeProvider time, TimeZoneInfo zone,
    ConversationPendingSends? kept = null, IReadOnlyList<TimeSpan>? retryDelays = null)
{
    private const int PageSize = 50;

    /// <summary>Five attempts over about 15 s: a brief outage or a replica restart is ridden out, a longer one shows Retry.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private readonly Timeline _timeline = new();
    private readonly IReadOnlyList<TimeSpan> _retryDelays = retryDelays ?? DefaultRetryDelays;
    private readonly HashSet<string> _delivering = new(StringComparer.Ordinal);

    /// <summary>
    /// A send finished (stored, or failed) with no caller waiting on it, as those restored after a reload or resent
    /// on reconnect do: the view renders again.
    /// </summary>
    public event Action? SendSettled;

    /// <summary>Null until loaded.</summary>
    public ConversationDto? Conversation { get; private set; }

    public bool IsAdmin => Conversation?.MyRole is MemberRoleNames.Owner or MemberRoleNames.Admin;

    public bool CanAddPeople => Conversation is { Type: ConversationKinds.Channel, MyRole: not null }
        && (IsAdmin || Conversation.Visibility == ConversationKinds.Public);

    /// <summary>What the message log renders; rebuilt on every change.</summary>
    public IReadOnlyList<MessageRow> Rows { get; private set; } = [];

    public bool HasOlder => _timeline.HasOlder;

    public bool LoadingOlder { get; private set; }

    public bool CanLoadOlder => !LoadingOlder && _timeline.HasOlder && _timeline.OldestSeq is not null;

    public TimelineMessage? Find(string messageId) => _timeline.Find(messageId);

    /// <summary>The conversation, then its latest page. Pushes that arrive meanwhile are kept, whether the page holds them or not.</summary>
    public async Task LoadAsync()
    {
        var conversation = await channel.GetConversationAsync();
        AddHistory(await channel.GetHistoryAsync(null, PageSize));
        Conversation = conversation;
        await RestoreKeptAsync();
    }

    public async Task ReloadAsync() => Conversation = await channel.GetConversationAsync();

    /// <summary>Joins a previewed channel; it is listed and followed at once, before the hub says so.</summary>
    public async Task JoinAsync()
    {
        await channel.JoinAsync(myUserId);
        await ReloadAsync();
        channel.Adopt(Conversation!);
        await FollowAsync(markRead: false);
    }

    /// <summary>A change pushed by the hub; false before the conversation loaded.</summary>
    public bool Update(ConversationDto conversation)
    {
        if (Conversation is null)
        {
            return false;
        }

        // A private conversation's update that no longer counts the reader as a member does not replace what is shown.
        // A channel's push carries no member list: the one loaded stays, kept current by ApplyMembers.
        Conversation = conversation.MyRole is null && Conversation.Visibility != ConversationKinds.Public
            ? Conversation
            : conversation with { Members = conversation.Members ?? Conversation.Members };
        return true;
    }

    /// <summary>Someone joined, left or changed role: applied to the loaded member list; false before it loaded.</summary>
    public bool ApplyMembers(MembersChangedDto change)
    {
        if (Conversation?.Members is not { } members)
        {
            return false;
        }

        var changed = change.Members.ToDictionary(m => m.UserId, StringComparer.Ordinal);
        // Members keep their place; who joined goes last, as in the list the server orders by joining.
        var updated = members.Select(m => changed.GetValueOrDefault(m.UserId) ?? m)
            .Where(m => !change.Removed.Contains(m.UserId, StringComparer.Ordinal))
            .Concat(change.Members.Where(m => members.All(existing => existing.UserId != m.UserId)))
            .ToList();
        Conversation = Conversation with { Members = updated };
        return true;
    }

    /// <summary>
    /// For a member: live messages follow on from what is loaded, which counts as read. A channel previewed without
    /// joining is neither followed nor marked read.
    /// </summary>
    public async Task FollowAsync(bool markRead)
    {
        if (Conversation is not { MyRole: not null } conversation)
        {
            return;
        }

        var seen = Math.Max(conversation.LastSeq, _timeline.NewestSeq);
        channel.Track(seen, conversation.Version);
        if (markRead)
        {
            await channel.MarkReadAsync(seen);
        }
    }

    /// <summary>The page before the oldest loaded message, unless there is none or one is on its way.</summary>
    /// <param name="beforePrepend">Runs once the page is here and before it is shown (the log keeps the reader's place).</param>
    public async Task LoadOlderAsync(Func<Task> beforePrepend)
    {
        if (!CanLoadOlder)
        {
            return;
        }

        LoadingOlder = true;
        try
        {
            var page = await channel.GetHistoryAsync(_timeline.OldestSeq, PageSize);
            await beforePrepend();
            AddHistory(page);
        }
        finally
        {
            LoadingOlder = false;
        }
    }

    /// <summary>Shows the message at once as pending, keeps it in browser storage, then sends it.</summary>
    /// <returns>The server's refusal when the send failed with one; null when it was stored or the server was not reached.</returns>
    public async Task<ApiProblemException?> SendAsync(OutgoingMessage outgoing, string? replyToId)
    {
        var message = TimelineMessage.Pending(
            ChatConnection.NewClientMessageId(), myUserId, outgoing.Text, replyToId, time.GetUtcNow(), outgoing.Attachments);
        _timeline.AddUnsent(message);
        Rebuild();
        if (kept is not null)
        {
            await kept.KeepAsync(message);
        }

        return await DeliverAsync(message);
    }

    /// <summary>Sends a failed message again; nothing when it is no longer failed (e.g. its push arrived meanwhile).</summary>
    public async Task<ApiProblemException?> RetryAsync(string clientMessageId)
    {
        if (_timeline.FindUnsent(clientMessageId) is not { State: SendState.Failed } message)
        {
            return null;
        }

        _timeline.SetState(clientMessageId, SendState.Pending);
        Rebuild();
        if (kept is not null)
        {
            await kept.SetFailedAsync(clientMessageId, failed: false);
        }

        return await DeliverAsync(message);
    }

    /// <summary>Sends again every pending message not on its way (the connection is back); failed ones wait for Retry.</summary>
    public Task ResendPendingAsync() => Task.WhenAll(_timeline.Messages
        .Where(m => m.State == SendState.Pending && m.Seq is null && !_delivering.Contains(m.ClientMessageId))
        .Select(DeliverAsync));

    /// <summary>Drops a failed message: from the view and from browser storage.</summary>
    public async Task DiscardAsync(string clientMessageId)
    {
        if (_timeline.FindUnsent(clientMessageId) is not { State: SendState.Failed })
        {
            return;
        }

        _timeline.RemoveUnsent(clientMessageId);
        Rebuild();
        if (kept is not null)
        {
            await kept.ForgetAsync(clientMessageId);
        }
    }

    public Task EditAsync(string messageId, string text) => ApplyAnswerAsync(channel.EditAsync(messageId, text));

    public Task DeleteAsync(string messageId) => ApplyAnswerAsync(channel.DeleteAsync(messageId));

    public Task AddReactionAsync(string messageId, string emoji) => ApplyAnswerAsync(channel.AddReactionAsync(messageId, emoji));

    public Task ToggleReactionAsync(string messageId, ReactionDto reaction) => ApplyAnswerAsync(reaction.Me
        ? channel.RemoveReactionAsync(messageId, reaction.Emoji)
        : channel.AddReactionAsync(messageId, reaction.Emoji));

    /// <summary>A new message from the hub (or stored by a REST send); false when it brought nothing new.</summary>
    public bool Receive(MessageDto message)
    {
        if (kept is not null && message.SenderId == myUserId && _timeline.FindUnsent(message.ClientMessageId) is not null)
        {
            _ = kept.ForgetAsync(message.ClientMessageId);
        }

        return RebuildIf(_timeline.Apply(message));
    }

    /// <summary>An edit, delete or reaction, pushed or answered by REST; false when nothing shown changed.</summary>
    public bool Change(MessageDto message) => RebuildIf(_timeline.ApplyChange(message));

    // The same client message id on every attempt: a send whose answer was lost is stored once. A refusal (4xx other
    // than a timeout or the rate limit) fails it at once; not reaching the server is tried again after each delay.
    private async Task<ApiProblemException?> DeliverAsync(TimelineMessage message)
    {
        var clientMessageId = message.ClientMessageId;
        if (!_delivering.Add(clientMessageId))
        {
            return null;
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    _timeline.Apply(await channel.SendAsync(message));
                    if (kept is not null)
                    {
                        await kept.ForgetAsync(clientMessageId);
                    }

                    return null;
                }
                // A cancelled send (the app is signing out) is neither stored nor failed.
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Its push brought the stored message meanwhile: nothing left to send.
                    if (_timeline.FindUnsent(clientMessageId) is null)
                    {
                        return null;
                    }

                    if (IsRefusal(exception) || attempt >= _retryDelays.Count)
                    {
                        _timeline.SetState(clientMessageId, SendState.Failed);
                        if (kept is not null)
                        {
                            await kept.SetFailedAsync(clientMessageId, failed: true);
                        }

                        return exception as ApiProblemException;
                    }
                }

                await Task.Delay(_retryDelays[attempt], time);
            }
        }
        finally
        {
            _delivering.Remove(clientMessageId);
            Rebuild();
            SendSettled?.Invoke();
        }
    }

    private static bool IsRefusal(Exception exception) =>
        exception is ApiProblemException { Status: var status } && (int)status is >= 400 and < 500 && status is not
            (System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests);

    /// <summary>
    /// Sends kept from before a reload: those the history holds were stored and are forgotten; the others are shown
    /// again, and those not failed are sent again with their client message id.
    /// </summary>
    private async Task RestoreKeptAsync()
    {
        if (kept is null)
        {
            return;
        }

        var restored = new List<TimelineMessage>();
        foreach (var send in await kept.ListAsync())
        {
            if (_timeline.HoldsStored(myUserId, send.ClientMessageId))
            {
                await kept.ForgetAsync(send.ClientMessageId);
            }
            else if (_timeline.FindUnsent(send.ClientMessageId) is null)
            {
                var message = TimelineMessage.Pending(send.ClientMessageId, myUserId, send.Text, send.ReplyToId, send.CreatedAt, send.Attachments)
                    with { State = send.Failed ? SendState.Failed : SendState.Pending };
                _timeline.AddUnsent(message);
                restored.Add(message);
            }
        }

        Rebuild();
        foreach (var message in restored.Where(m => m.State == SendState.Pending))
        {
            _ = DeliverAsync(message);
        }
    }

    // Shown at once: the hub's MessageUpdated for it may come later (or only with the next resync).
    private async Task ApplyAnswerAsync(Task<MessageDto> change) => Change(await change);

    private void AddHistory(Page<MessageDto> page)
    {
        _timeline.AddHistory(page.Items, page.Next is not null);
        Rebuild();
    }

    private bool RebuildIf(bool changed)
    {
        if (changed)
        {
            Rebuild();
        }

        return changed;
    }

    private void Rebuild() => Rows = MessageRows.Build(_timeline.Messages, zone, time.GetUtcNow());
}
