using Microsoft.JSInterop;
using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.People;
using NexusChat.Web.Client.Features.Realtime;
using NexusChat.Web.Client.Shared;

namespace NexusChat.Web.Client.Features.Chat;

/// <summary>
/// Connects the hub's events to the app's state for one signed-in session: the conversation list and its badges,
/// presence, typing, read state, and the open conversation's messages. Also tells the hub when the tab is hidden.
/// </summary>
public sealed partial class ChatWorkspace(
    AuthSession session,
    RealtimeConnection realtime,
    ConversationList conversations,
    ConversationsClient conversationsApi,
    MessagesClient messagesApi,
    PresenceTracker presence,
    TypingTracker typing,
    BrowserInterop browser,
    ILogger<ChatWorkspace> logger) : IAsyncDisposable
{
    private readonly HashSet<string> _memberIds = new(StringComparer.Ordinal);
    private CancellationTokenSource? _running;
    private DotNetObjectReference<ChatWorkspace>? _self;
    private IJSObjectReference? _visibilityWatch;

    /// <summary>The connection banner's state.</summary>
    public event Action? ConnectionChanged;

    public event Action<MessageDto>? MessageArrived;

    public event Action<MessageDto>? MessageChanged;

    public event Action<ConversationDto>? ConversationChanged;

    public event Action<MembersChangedDto>? MembersChanged;

    public ChatConnectionState ConnectionState => realtime.State;

    public bool Started => _running is not null;

    /// <summary>The conversation on screen; its messages count as read while the tab is visible.</summary>
    public string? OpenConversationId { get; set; }

    public bool TabHidden { get; private set; }

    public async Task StartAsync()
    {
        if (_running is not null)
        {
            return;
        }

        _running = new CancellationTokenSource();
        realtime.Created += Subscribe;
        _self = DotNetObjectReference.Create(this);
        TabHidden = await browser.IsHiddenAsync();
        _visibilityWatch = await browser.WatchVisibilityAsync(_self);
        await ReloadConversationsAsync();
        _ = ConnectAsync(_running.Token);
    }

    public async Task StopAsync()
    {
        if (_running is null)
        {
            return;
        }

        await _running.CancelAsync();
        _running.Dispose();
        _running = null;
        realtime.Created -= Subscribe;
        await realtime.StopAsync();
        if (_visibilityWatch is not null)
        {
            await _visibilityWatch.InvokeVoidAsync("dispose");
            await _visibilityWatch.DisposeAsync();
            _visibilityWatch = null;
        }

        _self?.Dispose();
        conversations.Clear();
        presence.Clear();
        typing.Clear();
        ConnectionChanged?.Invoke();
    }

    /// <summary>The hub connection when it is connected: every call that can go through it does; else REST.</summary>
    public ChatConnection? ConnectedHub => realtime.Current is { State: ChatConnectionState.Connected } hub ? hub : null;

    /// <summary>Through the hub when connected; else through REST (same idempotency by client message id).</summary>
    /// <param name="attachmentIds">File ids of completed uploads (Upload-File-Id), at most 10.</param>
    /// <param name="threadId">The root when this is a thread reply.</param>
    public async Task<MessageDto> SendAsync(
        string conversationId, string text, string? replyToId, string clientMessageId, IReadOnlyList<string> attachmentIds,
        string? threadId = null, bool alsoToChannel = false)
    {
        if (ConnectedHub is { } hub)
        {
            return threadId is not null
                ? await hub.SendThreadReplyAsync(conversationId, threadId, text, alsoToChannel, attachmentIds, clientMessageId)
                : attachmentIds.Count == 0
                ? await hub.SendMessageAsync(conversationId, text, replyToId, clientMessageId)
                : await hub.SendMessageWithAttachmentsAsync(conversationId, text, attachmentIds, replyToId, clientMessageId);
        }

        var stored = await messagesApi.SendWithAttachmentsAsync(conversationId, text, clientMessageId, attachmentIds, replyToId, threadId, alsoToChannel);
        MessageArrived?.Invoke(stored);
        return stored;
    }

    public async Task MarkReadAsync(string conversationId, long seq)
    {
        var entry = conversations.Find(conversationId);
        if (seq <= 0 || entry is null || (entry.Conversation.LastReadSeq >= seq && entry.Unread == 0))
        {
            return;
        }

        conversations.OnReadState(new ReadStateDto(conversationId, session.User!.Id, seq));
        try
        {
            if (ConnectedHub is { } hub)
            {
                await hub.MarkReadAsync(conversationId, seq);
            }
            else
            {
                await conversationsApi.MarkReadAsync(conversationId, seq);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The badge is cleared locally; the next list reload shows the server's count if this was lost.
            LogMarkReadFailed(logger, exception.Message);
        }
    }

    public async Task TypingAsync(string conversationId)
    {
        if (ConnectedHub is { } hub)
        {
            try
            {
                await hub.TypingAsync(conversationId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Typing is a hint; losing one costs nothing.
                LogTypingFailed(logger, exception.Message);
            }
        }
    }

    /// <summary>Shows a conversation the user just created, joined or opened before the hub says so.</summary>
    public void Adopt(ConversationDto conversation)
    {
        RememberMembers(conversation);
        conversations.Upsert(conversation);
        realtime.Current?.Track(conversation.Id, conversation.LastSeq, conversation.Version);
        _ = RefreshPresenceAsync();
    }

    /// <summary>The open conversation's history reached <paramref name="lastSeq"/>; deliver live messages after it.</summary>
    public void Track(string conversationId, long lastSeq, long version) => realtime.Current?.Track(conversationId, lastSeq, version);

    [JSInvokable]
    public async Task OnVisibilityChanged(bool hidden)
    {
        TabHidden = hidden;
        await SetPresenceAsync();
        if (!hidden && OpenConversationId is { } open && conversations.Find(open) is { } entry)
        {
            await MarkReadAsync(open, entry.Conversation.LastSeq);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await realtime.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Signed out before the hub answered.
        }
    }

    private void Subscribe(ChatConnection connection)
    {
        // The list may have loaded before the connection existed: declare its conversations so resyncs cover them.
        foreach (var entry in conversations.Ordered)
        {
            connection.Track(entry.Id, entry.Conversation.LastSeq, entry.Conversation.Version);
        }

        connection.StateChanged += state =>
        {
            ConnectionChanged?.Invoke();
            if (state == ChatConnectionState.Connected)
            {
                _ = SetPresenceAsync();
                _ = RefreshPresenceAsync();
            }
        };
        connection.MessageReceived += OnMessageReceived;
        connection.MessageChanged += message => MessageChanged?.Invoke(message);
        connection.ReadStateChanged += OnReadStateChanged;
        connection.ConversationUpdated += conversation =>
        {
            RememberMembers(conversation);
            conversations.Upsert(conversation);
            ConversationChanged?.Invoke(conversation);
            _ = RefreshPresenceAsync();
        };
        connection.MembersChanged += change =>
        {
            _memberIds.UnionWith(change.Members.Select(m => m.UserId));
            MembersChanged?.Invoke(change);
        };
        connection.TypingStarted += t =>
        {
            if (t.UserId != session.User?.Id)
            {
                typing.Add(t);
            }
        };
        connection.PresenceChanged += p => presence.Set([p]);
        connection.SessionRevoked += () => _ = session.OnRevokedAsync();
        connection.Resynced += () => _ = ReloadConversationsAsync();
    }

    private void OnMessageReceived(MessageDto message)
    {
        var beingRead = message.ConversationId == OpenConversationId && !TabHidden;
        conversations.OnMessage(message, session.User?.Id ?? string.Empty, beingRead);
        typing.Stop(message.ConversationId, message.SenderId);
        MessageArrived?.Invoke(message);
        if (beingRead && message.SenderId != session.User?.Id)
        {
            _ = MarkReadAsync(message.ConversationId, message.Seq);
        }
    }

    private void OnReadStateChanged(ReadStateDto state)
    {
        if (conversations.OnReadState(state))
        {
            _ = ReloadConversationsAsync();
        }
    }

    private async Task ReloadConversationsAsync()
    {
        try
        {
            var loaded = await conversations.LoadAsync();
            foreach (var conversation in loaded)
            {
                realtime.Current?.Track(conversation.Id, conversation.LastSeq, conversation.Version);
            }

            await RefreshPresenceAsync();
        }
        catch (Exception exception) when (exception is ApiProblemException or HttpRequestException)
        {
            LogReloadFailed(logger, exception.Message);
        }
    }

    private async Task SetPresenceAsync()
    {
        if (ConnectedHub is { } hub)
        {
            try
            {
                await hub.SetPresenceAsync(TabHidden ? PresenceStatus.Away : PresenceStatus.Online);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPresenceFailed(logger, exception.Message);
            }
        }
    }

    /// <summary>Channel members shown in member lists get presence dots too, not only DM partners.</summary>
    private void RememberMembers(ConversationDto conversation)
    {
        foreach (var member in conversation.Members ?? [])
        {
            _memberIds.Add(member.UserId);
        }
    }

    private async Task RefreshPresenceAsync()
    {
        var partners = conversations.Ordered.Where(e => e.OtherUserId is not null).Select(e => e.OtherUserId!)
            .Concat(_memberIds).Distinct().Take(ChatHubLimits.MaxPresenceQuery).ToList();
        if (partners.Count == 0 || realtime.Current is not { State: ChatConnectionState.Connected } hub)
        {
            return;
        }

        try
        {
            presence.Set(await hub.GetPresenceAsync(partners));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPresenceFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Mark read failed: {Reason}")]
    private static partial void LogMarkReadFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Debug, "Typing notice failed: {Reason}")]
    private static partial void LogTypingFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Reloading conversations failed: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Debug, "Presence call failed: {Reason}")]
    private static partial void LogPresenceFailed(ILogger logger, string reason);
}
