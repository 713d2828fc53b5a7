using Microsoft.JSInterop;
using NexusChat.Client;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Calls;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.People;
using NexusChat.Web.Client.Features.Realtime;

namespace NexusChat.Web.Client.Features.Calls;

/// <summary>
/// The calls of the signed-in session, above any conversation view, so a call goes on while the user moves between
/// conversations: what rings on this device, the one call this device is in, its peers and media. Hub pushes come from
/// <see cref="RealtimeConnection"/>; the peer connections live in wwwroot/js/calls.js (<see cref="BrowserCall"/>).
/// </summary>
public sealed partial class CallSession : IAsyncDisposable
{
    private readonly RealtimeConnection _realtime;
    private readonly AuthSession _auth;
    private readonly CallsClient _callsApi;
    private readonly CallInterop _interop;
    private readonly TimeProvider _time;
    private readonly UserDirectory _users;
    private readonly ILogger<CallSession> _logger;
    private readonly Dictionary<string, CallDto> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallPeer> _peers = new(StringComparer.Ordinal);
    private DotNetObjectReference<CallSession>? _self;
    private BrowserCall? _browser;
    private CallMesh _mesh = new(string.Empty);
    private ChatConnection? _hub;
    private long _clickedAt;

    public CallSession(RealtimeConnection realtime, AuthSession auth, CallsClient callsApi, CallInterop interop, UserDirectory users, TimeProvider time,
        ILogger<CallSession> logger)
    {
        (_realtime, _auth, _callsApi, _interop, _users, _time, _logger) = (realtime, auth, callsApi, interop, users, time, logger);
        Incoming = new IncomingCalls(string.Empty);
        realtime.Created += Attach;
        if (realtime.Current is { } current)
        {
            Attach(current);
        }
    }

    /// <summary>Anything on screen may have changed.</summary>
    public event Action? Changed;

    public IncomingCalls Incoming { get; private set; }

    public CallPhase Phase { get; private set; }

    /// <summary>The call this device is in (or is starting), as the hub last described it.</summary>
    public CallDto? Current { get; private set; }

    public string? ConversationId { get; private set; }

    public bool Video { get; private set; }

    public bool Muted { get; private set; }

    public bool CameraOn { get; private set; }

    /// <summary>When this device saw the call answered, for the timer.</summary>
    public DateTimeOffset? TalkingSince { get; private set; }

    /// <summary>What went wrong, in words for the user; cleared by the next action.</summary>
    public string? Error { get; private set; }

    /// <summary>How the last call ended ("Call ended · 1:02"), until the next one starts.</summary>
    public string? LastEnded { get; private set; }

    public IReadOnlyList<CallPeer> Peers => [.. _peers.Values];

    private string Me => _auth.User?.Id ?? string.Empty;

    /// <summary>The call running in a conversation that this device is not in (join it from the header).</summary>
    public CallDto? RunningIn(string conversationId) =>
        _running.GetValueOrDefault(conversationId) is { } call && call.Id != Current?.Id ? call : null;

    /// <summary>Learns whether the conversation has a call (pushes tell only about changes after connecting).</summary>
    public async Task RefreshAsync(string conversationId)
    {
        if (_realtime.Current is not { State: ChatConnectionState.Connected } hub)
        {
            return;
        }

        try
        {
            if (await hub.GetCallAsync(conversationId) is { } call)
            {
                _running[conversationId] = call;
                Incoming.Update(call);
                Changed?.Invoke();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogHubCallFailed(_logger, "GetCall", exception.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        _realtime.Created -= Attach;
        return new(TearDownAsync());
    }

    private void Attach(ChatConnection connection)
    {
        // A new connection is a new sign-in: nothing of the previous session's calls carries over.
        _ = TearDownAsync();
        _running.Clear();
        Incoming = new IncomingCalls(Me);
        _hub = connection;
        connection.CallRinging += OnRinging;
        connection.CallUpdated += OnUpdated;
        connection.CallEnded += OnEnded;
        connection.CallSignalReceived += OnSignal;
        connection.StateChanged += OnConnectionState;
    }

    private void Notify() => Changed?.Invoke();

    [LoggerMessage(LogLevel.Warning, "Call: {Method} failed: {Reason}")]
    private static partial void LogHubCallFailed(ILogger logger, string method, string reason);
}
