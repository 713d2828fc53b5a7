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
public sealed partial class ConversationSession(
    string myUserId, IConversationChannel channel, TimeProvider time, TimeZoneInfo zone,
    ConversationPendingSends? kept = null, IReadOnlyList<TimeSpan>? retryDelays = null)
{
    private const int PageSize = 50;

    private readonly Timeline _timeline = new();

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

    /// <summary>What Up arrow in the empty composer edits: my newest message that is sent, not deleted and no call.</summary>
    public TimelineMessage? MyLastEditable =>
        _timeline.Messages.LastOrDefault(m => m.SenderId == myUserId && m.State == SendState.Sent && !m.Deleted && m.Call is null);

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

    // Thread-only replies arrive here too (they hold seqs of the conversation) but show in their thread's panel.
    private void Rebuild() => Rows = MessageRows.Build([.. _timeline.Messages.Where(m => m.InChannel)], zone, time.GetUtcNow());
}
