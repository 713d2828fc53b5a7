using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations;
using NexusChat.Conversations.Commands;
using NexusChat.Conversations.Live;
using NexusChat.Identity;
using NexusChat.Identity.Sessions;
using Microsoft.Extensions.Options;
using NexusChat.Realtime.Calls;
using NexusChat.Realtime.Connections;
using NexusChat.Realtime.Groups;
using NexusChat.Realtime.Presence;
using NexusChat.Realtime.Sessions;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// The real-time endpoint clients keep open. Sends and changes follow the REST rules (the same <see cref="ConversationCommands"/>); the
/// stored message reaches every member, the sender's other devices included, as <c>MessageCreated</c> pushed right
/// after the commit (the event bus delivers what that push missed). After any reconnect a client calls
/// <see cref="Sync"/> from the last seq it holds.
/// </summary>
[Authorize]
public sealed partial class ChatHub(
    ConnectedSessions sessions, SessionStore sessionStore, ConversationCommands commands, IConversationStore conversations, PresenceTracker presence,
    PresenceNotifier contacts, LocalConnections local, ConnectionQuota quota, IOptions<ConnectionLimitOptions> quotaOptions,
    CallService calls, CallMediaReports mediaReports, ILogger<ChatHub> logger) : Hub<IChatClient>, IChatHub
{
    public const string Path = "/hubs/chat";
    public const int SyncPageSize = 100;

    /// <summary>How long clients show "is typing" without a renewal; renewals from one connection are sent at most twice as often.</summary>
    public static readonly TimeSpan TypingShownFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);

    private string UserId => Context.User!.UserId();

    public override async Task OnConnectedAsync()
    {
        // Admission first: a refused connection registers nothing, and SignalR closes it with this typed error.
        if (await quota.TryAdmitAsync(UserId, ConnectionAddress(), Context.ConnectionId) is not ConnectionQuota.Refusal.None)
        {
            throw HubErrors.Of(HubError.RateLimited((int)quotaOptions.Value.Lease.TotalSeconds));
        }

        var sessionId = Context.User!.SessionId();
        sessions.Add(sessionId, Context);
        // Registered before the conversations are read: a membership change published in between is applied to this
        // connection by MembershipChanges, and one committed before is in the list.
        local.Add(UserId, Context.ConnectionId);
        try
        {
            foreach (var summary in await conversations.ListForUserAsync(UserId, ConversationGroups.MaxPerConnection, Context.ConnectionAborted))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroups.Of(summary.Conversation.Id), Context.ConnectionAborted);
            }

            // A revocation published between the token check and the registration above found no connection here to
            // close: look at the session once more. After the group joins, so a client's first messages are not delayed.
            if (!await sessionStore.IsActiveAsync(sessionId))
            {
                await SessionRevocationListener.CloseAsync(Clients.Caller, Context);
                return;
            }
        }
        catch
        {
            // SignalR skips OnDisconnectedAsync when this method throws (the store or Redis failed, or the client left
            // while being set up, which cancels the work above): undo the registration, or it leaks.
            await UnregisterAsync();
            throw;
        }

        try
        {
            // Not cancelled with the connection: once connected, OnDisconnectedAsync runs and takes this back.
            await presence.ConnectedAsync(UserId, Context.ConnectionId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Chat works without presence; the next renewal records this connection once Redis answers.
            LogPresenceFailed(exception, "connect");
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await UnregisterAsync();
        try
        {
            await presence.DisconnectedAsync(UserId, Context.ConnectionId, CancellationToken.None);
        }
        catch (Exception failure)
        {
            // The entry expires on its own after the presence TTL.
            LogPresenceFailed(failure, "disconnect");
        }
    }

    // SignalR drops the connection from its groups by itself.
    private async Task UnregisterAsync()
    {
        sessions.Remove(Context.User!.SessionId(), Context);
        local.Remove(UserId, Context.ConnectionId);
        calls.Disconnected(Context.ConnectionId);
        await quota.ReleaseAsync(Context.ConnectionId);
    }

    private string ConnectionAddress() => Context.GetHttpContext()?.ClientAddress() ?? "unknown";

    /// <summary>Stores the message (idempotent by <paramref name="clientMessageId"/>) and returns it as stored.</summary>
    public Task<MessageDto> SendMessage(string conversationId, string clientMessageId, string text, string? replyToId) =>
        SendMessageWithAttachments(conversationId, clientMessageId, text, replyToId, []);

    /// <summary><see cref="SendMessage"/> with the caller's completed uploads (file ids) attached, at most 10.</summary>
    public async Task<MessageDto> SendMessageWithAttachments(
        string conversationId, string clientMessageId, string text, string? replyToId, IReadOnlyList<string> attachmentIds) =>
        SentAnswer(await commands.SendAsync(UserId, conversationId, text, clientMessageId, replyToId, attachmentIds, null, Context.ConnectionAborted));

    /// <summary>Replies in the thread of <paramref name="threadId"/> (and in the main timeline too with <paramref name="alsoToChannel"/>).</summary>
    public async Task<MessageDto> SendThreadReply(
        string conversationId, string clientMessageId, string text, string threadId, bool alsoToChannel, IReadOnlyList<string>? attachmentIds) =>
        SentAnswer(await commands.SendAsync(
            UserId, conversationId, text, clientMessageId, null, attachmentIds, new ThreadTarget(threadId, alsoToChannel), Context.ConnectionAborted));

    private MessageDto SentAnswer(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Done<Stored<MessageRecord>> sent => sent.Value.Value.ToDto(UserId),
        var failed => throw HubErrors.For(failed),
    };

    public async Task<MessageDto> EditMessage(string conversationId, string messageId, string text) =>
        MessageAnswer(await commands.EditAsync(UserId, conversationId, messageId, text, Context.ConnectionAborted));

    public async Task<MessageDto> DeleteMessage(string conversationId, string messageId) =>
        MessageAnswer(await commands.DeleteAsync(UserId, conversationId, messageId, Context.ConnectionAborted));

    public async Task<MessageDto> AddReaction(string conversationId, string messageId, string emoji) =>
        MessageAnswer(await commands.ReactAsync(UserId, conversationId, messageId, emoji, add: true, Context.ConnectionAborted));

    public async Task<MessageDto> RemoveReaction(string conversationId, string messageId, string emoji) =>
        MessageAnswer(await commands.ReactAsync(UserId, conversationId, messageId, emoji, add: false, Context.ConnectionAborted));

    /// <summary>The messages after <paramref name="afterSeq"/>, oldest first, a page at a time.</summary>
    public async Task<SyncResult> Sync(string conversationId, long afterSeq)
    {
        if (await ConversationAccess.LoadAsync(conversations, conversationId, UserId, Context.ConnectionAborted) is null)
        {
            throw HubErrors.NotFound("conversation");
        }

        if (afterSeq < 0)
        {
            throw HubErrors.Validation("afterSeq", "afterSeq must not be negative.");
        }

        var messages = await conversations.GetMessagesAfterAsync(conversationId, afterSeq, SyncPageSize + 1, Context.ConnectionAborted);
        return new SyncResult(messages.Take(SyncPageSize).Select(m => m.ToDto(UserId)).ToList(), messages.Count > SyncPageSize);
    }

    /// <summary>Messages created, edited, deleted or reacted to after <paramref name="sinceVersion"/>, in version order, a page at a time.</summary>
    public async Task<SyncResult> SyncChanges(string conversationId, long sinceVersion)
    {
        if (await ConversationAccess.LoadAsync(conversations, conversationId, UserId, Context.ConnectionAborted) is null)
        {
            throw HubErrors.NotFound("conversation");
        }

        if (sinceVersion < 0)
        {
            throw HubErrors.Validation("sinceVersion", "sinceVersion must not be negative.");
        }

        var changes = await conversations.GetChangesSinceAsync(conversationId, sinceVersion, SyncPageSize + 1, Context.ConnectionAborted);
        return new SyncResult(changes.Take(SyncPageSize).Select(m => m.ToDto(UserId)).ToList(), changes.Count > SyncPageSize);
    }

    /// <summary>Sets this connection's status; the user is online if any of their connections says so.</summary>
    public async Task<PresenceDto> SetPresence(string status)
    {
        if (status is not (PresenceStatus.Online or PresenceStatus.Away))
        {
            throw HubErrors.Validation("status", $"status is '{PresenceStatus.Online}' or '{PresenceStatus.Away}'.");
        }

        return await presence.SetAsync(UserId, Context.ConnectionId, status, Context.ConnectionAborted);
    }

    /// <summary>The presence of those of <paramref name="userIds"/> who share a conversation with the caller.</summary>
    public async Task<IReadOnlyList<PresenceDto>> GetPresence(IReadOnlyList<string> userIds)
    {
        if (userIds is null || userIds.Count > ChatHubLimits.MaxPresenceQuery)
        {
            throw HubErrors.Validation("userIds", $"Ask about 0 to {ChatHubLimits.MaxPresenceQuery} users at a time.");
        }

        var known = await contacts.ContactsAsync(UserId, Context.ConnectionAborted);
        known.Add(UserId);
        return await presence.GetAsync(userIds.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Tells the conversation's other members the caller is typing. Clients call it on every keystroke; this
    /// connection forwards at most one per <see cref="TypingThrottle"/> per conversation.
    /// </summary>
    public async Task Typing(string conversationId)
    {
        // The throttle comes first: a renewal inside the window costs no store lookup.
        var key = $"typing:{conversationId}";
        var now = DateTimeOffset.UtcNow;
        if (Context.Items.TryGetValue(key, out var last) && last is DateTimeOffset sent && now - sent < TypingThrottle)
        {
            return;
        }

        var outcome = await commands.TypingAsync(UserId, conversationId, Context.ConnectionAborted);
        if (outcome is not CommandOutcome.Done<IReadOnlyList<string>> { Value: var others })
        {
            throw HubErrors.For(outcome);
        }

        Context.Items[key] = now;
        await Clients.Users(others).TypingStarted(new TypingDto(conversationId, UserId, (int)TypingShownFor.TotalMilliseconds));
    }

    /// <summary>Moves the caller's read position forward; all their devices learn it through a ReadStateChanged push.</summary>
    public async Task<ReadStateDto> MarkRead(string conversationId, long seq) =>
        await commands.MarkReadAsync(UserId, conversationId, seq, Context.ConnectionAborted) switch
        {
            CommandOutcome.Done<long> done => new ReadStateDto(conversationId, UserId, done.Value),
            var failed => throw HubErrors.For(failed),
        };

    private MessageDto MessageAnswer(CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Done<MessageRecord> done => done.Value.ToDto(UserId),
        var failed => throw HubErrors.For(failed),
    };

    [LoggerMessage(LogLevel.Warning, "Presence update on {Event} failed")]
    private partial void LogPresenceFailed(Exception exception, string @event);
}
