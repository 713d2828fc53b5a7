using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Client;

/// <summary>
/// A connection to the chat hub that implements docs/protocol.md: WebSockets without negotiation (any replica
/// behind a non-sticky gateway), reconnect with jittered back-off, and after every (re)connect a resync of each
/// known conversation from the last seq it delivered. New messages are raised exactly once per conversation in
/// seq order whatever the wire does (duplicates, reordering, a dead replica, a lost backplane message).
/// </summary>
/// <remarks>
/// Every server push and every resync step runs on one work loop, in arrival order: the cursors need no locks, the
/// app's handlers are never called concurrently, and hub calls made while syncing do not run inside a SignalR
/// handler (awaiting an invocation there would deadlock the receive loop).
/// </remarks>
public sealed partial class ChatConnection : IAsyncDisposable
{
    /// <summary>How long a message that arrived after a gap waits for the missing ones before the client asks for them.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromMilliseconds(300);

    /// <summary>How often a typing user tells the server again (the server shows it for 5 s and throttles to 2 s).</summary>
    public static readonly TimeSpan TypingRenewal = TimeSpan.FromSeconds(2);

    private readonly HubConnection _hub;
    private readonly ChatConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, ConversationCursor> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _typingSent = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _reconnectStarted;
    private volatile bool _revoked;

    public ChatConnection(ChatConnectionOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<ChatConnection>();
        options.RetryPolicy.KeepTrying = () => !_revoked && !_stopping.IsCancellationRequested;
        var builder = new HubConnectionBuilder()
            .WithUrl(options.HubUrl, http =>
            {
                // Negotiation would need the same replica for two requests; the gateway does not promise that.
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
                http.AccessTokenProvider = options.AccessTokenProvider;
                http.WebSocketFactory = TimedWebSocketFactory.Create(options);
            })
            .WithAutomaticReconnect(options.RetryPolicy);
        builder.Services.AddSingleton(options.LoggerFactory);
        if (options.Protocol == HubWireProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }

        _hub = builder.Build();
        _hub.On<MessageDto>(nameof(IChatClient.MessageCreated), m => Enqueue(() => OnCreatedAsync(m)));
        _hub.On<MessageDto>(nameof(IChatClient.MessageUpdated), m => Enqueue(() => OnUpdated(m)));
        _hub.On<ReadStateDto>(nameof(IChatClient.ReadStateChanged), s => Enqueue(() => Raise(ReadStateChanged, s)));
        _hub.On<ConversationDto>(nameof(IChatClient.ConversationUpdated), c => Enqueue(() => OnConversationUpdated(c)));
        _hub.On<MembersChangedDto>(nameof(IChatClient.MembersChanged), c => Enqueue(() => Raise(MembersChanged, c)));
        _hub.On<TypingDto>(nameof(IChatClient.TypingStarted), t => Enqueue(() => Raise(TypingStarted, t)));
        _hub.On<PresenceDto>(nameof(IChatClient.PresenceChanged), p => Enqueue(() => Raise(PresenceChanged, p)));
        ListenForCalls();
        _hub.On(nameof(IChatClient.SessionRevoked), () =>
        {
            // Set at once (not queued): the retry policy must stop before the server closes the socket.
            _revoked = true;
            Enqueue(() => Raise(SessionRevoked));
        });
        _hub.Reconnecting += OnReconnecting;
        _hub.Reconnected += OnReconnected;
        _hub.Closed += OnClosed;
        _loop = RunLoopAsync();
    }

    /// <summary>A new message, once per conversation and seq, in seq order.</summary>
    public event Action<MessageDto>? MessageReceived;

    /// <summary>A newer version of a delivered message (edit, delete tombstone, reactions).</summary>
    public event Action<MessageDto>? MessageChanged;

    public event Action<ReadStateDto>? ReadStateChanged;

    /// <summary>A conversation was created or renamed, or the user joined, left or changed role; no <c>MyRole</c> means the user left it.</summary>
    public event Action<ConversationDto>? ConversationUpdated;

    /// <summary>Someone joined, left or changed role in one of the user's conversations (apply it to a loaded member list).</summary>
    public event Action<MembersChangedDto>? MembersChanged;

    public event Action<TypingDto>? TypingStarted;

    public event Action<PresenceDto>? PresenceChanged;

    /// <summary>The session was ended elsewhere; the connection will not come back. Sign in again.</summary>
    public event Action? SessionRevoked;

    public event Action<ChatConnectionState>? StateChanged;

    /// <summary>
    /// After every (re)connect, once each known conversation is caught up. Conversations created or joined while
    /// disconnected are not known yet: reload the conversation list here and <see cref="Track"/> the new ones.
    /// </summary>
    public event Action? Resynced;

    /// <summary>How long each reconnect took (drop noticed → connected again).</summary>
    public event Action<TimeSpan>? Reconnected;

    public ChatConnectionState State { get; private set; } = ChatConnectionState.Disconnected;

    public string? ConnectionId => _hub.ConnectionId;

    /// <summary>
    /// Connects, retrying with the back-off policy until it succeeds or <paramref name="cancellationToken"/> ends
    /// (a server that is still starting, or a gateway with no healthy replica yet).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        SetState(ChatConnectionState.Connecting);
        await ConnectWithRetriesAsync(cancellationToken);
    }

    /// <summary>
    /// Declares a conversation the app shows, with the last seq and the version it already holds (e.g. from REST
    /// history); later messages are raised from there, and resyncs cover it.
    /// </summary>
    public void Track(string conversationId, long lastSeq, long version) => Enqueue(async () =>
    {
        if (_cursors.TryGetValue(conversationId, out var cursor))
        {
            cursor.CatchUp(lastSeq);
            return;
        }

        var created = _cursors[conversationId] = new ConversationCursor(lastSeq, version);
        // Pushes that came between the caller's load and now found no cursor and were dropped, and no later message
        // may come to reveal the gap: catch up once (a connect's resync does it for conversations tracked before it).
        if (_hub.State == HubConnectionState.Connected)
        {
            await CatchUpAsync(conversationId, created);
        }
    });

    /// <summary>Sends a message; raise <see cref="MessageReceived"/> for it once stored (whichever of the reply or the push comes first).</summary>
    /// <param name="clientMessageId">Reuse it to retry a send whose outcome is unknown; it is stored once.</param>
    public async Task<MessageDto> SendMessageAsync(
        string conversationId, string text, string? replyToId = null, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var stored = await _hub.InvokeAsync<MessageDto>(nameof(IChatHub.SendMessage),
            conversationId, clientMessageId ?? NewClientMessageId(), text, replyToId, cancellationToken);
        Enqueue(() => OnCreatedAsync(stored));
        return stored;
    }

    /// <summary><see cref="SendMessageAsync"/> with completed uploads attached: their file ids (Upload-File-Id), at most 10.</summary>
    public async Task<MessageDto> SendMessageWithAttachmentsAsync(
        string conversationId, string text, IReadOnlyList<string> attachmentIds, string? replyToId = null, string? clientMessageId = null,
        CancellationToken cancellationToken = default)
    {
        var stored = await _hub.InvokeAsync<MessageDto>(nameof(IChatHub.SendMessageWithAttachments),
            conversationId, clientMessageId ?? NewClientMessageId(), text, replyToId, attachmentIds, cancellationToken);
        Enqueue(() => OnCreatedAsync(stored));
        return stored;
    }

    public static string NewClientMessageId() => Guid.NewGuid().ToString("N");

    public Task<ReadStateDto> MarkReadAsync(string conversationId, long seq, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<ReadStateDto>(nameof(IChatHub.MarkRead), conversationId, seq, cancellationToken);

    /// <summary>
    /// Call on every keystroke: at most one call per <see cref="TypingRenewal"/> and conversation goes to the server
    /// (which throttles too, but counts every call against the connection's rate limit).
    /// </summary>
    public Task TypingAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_typingSent)
        {
            if (_typingSent.TryGetValue(conversationId, out var last) && Stopwatch.GetElapsedTime(last, now) < TypingRenewal)
            {
                return Task.CompletedTask;
            }

            _typingSent[conversationId] = now;
        }

        return _hub.InvokeAsync(nameof(IChatHub.Typing), conversationId, cancellationToken);
    }

    public Task<PresenceDto> SetPresenceAsync(string status, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<PresenceDto>(nameof(IChatHub.SetPresence), status, cancellationToken);

    public Task<IReadOnlyList<PresenceDto>> GetPresenceAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        _hub.InvokeAsync<IReadOnlyList<PresenceDto>>(nameof(IChatHub.GetPresence), userIds, cancellationToken);

    /// <summary>Stops for good (no reconnect).</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _hub.StopAsync();
        SetState(ChatConnectionState.Disconnected);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _hub.DisposeAsync();
        _work.Writer.TryComplete();
        await _loop;
        _stopping.Dispose();
    }

    private async Task ConnectWithRetriesAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                await _hub.StartAsync(linked.Token);
                SetState(ChatConnectionState.Connected);
                Enqueue(ResyncAsync);
                return;
            }
            catch (Exception exception) when (BackoffRetryPolicy.IsUnauthorized(exception))
            {
                _revoked = true;
                SetState(ChatConnectionState.Disconnected);
                Enqueue(() => Raise(SessionRevoked));
                throw;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !_revoked)
            {
                LogConnectFailed(exception.Message, attempt + 1);
                await Task.Delay(_options.RetryPolicy.Delay(attempt, Random.Shared), linked.Token);
            }
        }
    }

    private Task OnReconnecting(Exception? error)
    {
        Interlocked.Exchange(ref _reconnectStarted, Stopwatch.GetTimestamp());
        SetState(ChatConnectionState.Reconnecting);
        return Task.CompletedTask;
    }

    private Task OnReconnected(string? connectionId)
    {
        var took = Stopwatch.GetElapsedTime(Interlocked.Read(ref _reconnectStarted));
        SetState(ChatConnectionState.Connected);
        Enqueue(() => Raise(Reconnected, took));
        Enqueue(ResyncAsync);
        return Task.CompletedTask;
    }

    private Task OnClosed(Exception? error)
    {
        if (!_revoked && BackoffRetryPolicy.IsUnauthorized(error))
        {
            // The SessionRevoked push was missed (e.g. the replica died first): the refused token says the same.
            _revoked = true;
            Enqueue(() => Raise(SessionRevoked));
        }

        if (_revoked || _stopping.IsCancellationRequested)
        {
            SetState(ChatConnectionState.Disconnected);
            return Task.CompletedTask;
        }

        // The server closed without inviting a reconnect (e.g. shutting down): start over like a first connect.
        SetState(ChatConnectionState.Reconnecting);
        _ = Task.Run(async () =>
        {
            try
            {
                await ConnectWithRetriesAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                SetState(ChatConnectionState.Disconnected);
            }
        });
        return Task.CompletedTask;
    }

    private Task OnCreatedAsync(MessageDto message)
    {
        if (!_cursors.TryGetValue(message.ConversationId, out var cursor))
        {
            // A conversation the app has not declared: deliver from this message on.
            cursor = _cursors[message.ConversationId] = new ConversationCursor(message.Seq - 1, message.Version - 1);
        }

        switch (cursor.Place(message.Seq))
        {
            case SeqPosition.Next:
                cursor.Advance(message);
                Deliver(cursor, message);
                foreach (var held in cursor.ReleaseHeld())
                {
                    Deliver(cursor, held);
                }

                break;
            case SeqPosition.AfterGap:
                cursor.Hold(message);
                _ = Task.Run(() => FillGapLaterAsync(message.ConversationId));
                break;
            case SeqPosition.AlreadyDelivered:
            default:
                break;
        }

        return Task.CompletedTask;
    }

    private void Deliver(ConversationCursor cursor, MessageDto message)
    {
        Raise(MessageReceived, message);
        if (cursor.TakeEarlyUpdate(message) is { } update)
        {
            Raise(MessageChanged, update);
        }
    }

    private async Task FillGapLaterAsync(string conversationId)
    {
        await Task.Delay(GapWait);
        Enqueue(async () =>
        {
            if (_cursors.TryGetValue(conversationId, out var cursor) && cursor.HasGap)
            {
                await SyncForwardAsync(conversationId, cursor);
            }
        });
    }

    private Task OnUpdated(MessageDto message)
    {
        if (!_cursors.TryGetValue(message.ConversationId, out var cursor))
        {
            // A conversation the app does not show: it loads current state when it opens it.
            return Task.CompletedTask;
        }

        if (message.Seq > cursor.LastSeq)
        {
            cursor.HoldUpdate(message);
            return Task.CompletedTask;
        }

        if (cursor.TakeUpdate(message))
        {
            Raise(MessageChanged, message);
        }

        return Task.CompletedTask;
    }

    private Task OnConversationUpdated(ConversationDto conversation)
    {
        if (conversation.MyRole is null)
        {
            _cursors.Remove(conversation.Id);
        }
        else if (!_cursors.ContainsKey(conversation.Id))
        {
            _cursors[conversation.Id] = new ConversationCursor(conversation.LastSeq, conversation.Version);
        }

        Raise(ConversationUpdated, conversation);
        return Task.CompletedTask;
    }

    /// <summary>Catches every known conversation up: new messages by seq, then changes by version.</summary>
    private async Task ResyncAsync()
    {
        foreach (var (conversationId, cursor) in _cursors.ToList())
        {
            await CatchUpAsync(conversationId, cursor);
        }

        LogResynced(_cursors.Count);
        Raise(Resynced);
    }

    private async Task CatchUpAsync(string conversationId, ConversationCursor cursor)
    {
        try
        {
            await SyncForwardAsync(conversationId, cursor);
            await SyncChangesAsync(conversationId, cursor);
        }
        catch (HubException exception) when (HubError.Parse(exception.Message) is { RetryAfterSeconds: { } seconds })
        {
            var wait = TimeSpan.FromSeconds(seconds);
            // Hundreds of conversations outrun the per-connection call budget: wait it out and carry on.
            await Task.Delay(wait, _stopping.Token);
            await SyncForwardAsync(conversationId, cursor);
            await SyncChangesAsync(conversationId, cursor);
        }
        catch (HubException exception) when (HubError.Parse(exception.Message)?.Code == HubErrorCodes.NotFound)
        {
            // Removed from the conversation while away; ConversationUpdated told (or the list reload will tell) the app.
            _cursors.Remove(conversationId);
        }
    }

    private async Task SyncForwardAsync(string conversationId, ConversationCursor cursor)
    {
        SyncResult page;
        do
        {
            page = await _hub.InvokeAsync<SyncResult>(nameof(IChatHub.Sync), conversationId, cursor.LastSeq, _stopping.Token);
            foreach (var message in page.Messages)
            {
                await OnCreatedAsync(message);
            }
        }
        while (page.HasMore && page.Messages.Count > 0);

        // Anything still held lies beyond what the server has: it was released above, or it is a stale duplicate.
        cursor.CatchUp(cursor.LastSeq);
    }

    private async Task SyncChangesAsync(string conversationId, ConversationCursor cursor)
    {
        SyncResult page;
        do
        {
            page = await _hub.InvokeAsync<SyncResult>(nameof(IChatHub.SyncChanges), conversationId, cursor.SyncedVersion, _stopping.Token);
            foreach (var message in page.Messages)
            {
                if (message.Seq > cursor.LastSeq)
                {
                    await OnCreatedAsync(message);
                }
                else
                {
                    await OnUpdated(message);
                }

                cursor.SyncedVersion = Math.Max(cursor.SyncedVersion, message.Version);
            }
        }
        while (page.HasMore && page.Messages.Count > 0);
    }

    private void Enqueue(Func<Task> work) => _work.Writer.TryWrite(work);

    private void Enqueue(Action work) => Enqueue(() =>
    {
        work();
        return Task.CompletedTask;
    });

    private async Task RunLoopAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                await work();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !_stopping.IsCancellationRequested)
            {
                // A sync cut short by a dropped connection: the resync after the reconnect covers it.
                LogWorkFailed(exception.Message);
            }
        }
    }

    private void SetState(ChatConnectionState state)
    {
        if (State != state)
        {
            LogState(State, state);
            State = state;
            StateChanged?.Invoke(state);
        }
    }

    private static void Raise<T>(Action<T>? handler, T value) => handler?.Invoke(value);

    private static void Raise(Action? handler) => handler?.Invoke();

    [LoggerMessage(LogLevel.Information, "Connecting to the chat hub failed ({Reason}), attempt {Attempt}")]
    private partial void LogConnectFailed(string reason, long attempt);

    [LoggerMessage(LogLevel.Warning, "Chat client work item failed (a resync after the next reconnect covers it): {Reason}")]
    private partial void LogWorkFailed(string reason);

    [LoggerMessage(LogLevel.Information, "Chat connection {From} -> {To}")]
    private partial void LogState(ChatConnectionState from, ChatConnectionState to);

    [LoggerMessage(LogLevel.Information, "Resynced {Count} conversation(s)")]
    private partial void LogResynced(int count);
}
