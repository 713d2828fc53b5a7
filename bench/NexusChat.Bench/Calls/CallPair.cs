using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Bench.Calls;

/// <summary>
/// One 1:1 call as two browsers would signal it, on their own hub connections: the caller starts, the callee's device
/// rings and answers, the caller sends a synthetic SDP offer and candidates to the callee's connection, the callee
/// answers likewise; setup time is start → answer received by the caller. Then it holds until every call is set up,
/// and the caller hangs up.
/// </summary>
public sealed class CallPair : IAsyncDisposable
{
    private static readonly string Sdp = "v=0\r\n" + string.Concat(Enumerable.Repeat("a=synthetic-line-for-size-0123456789abcdef\r\n", 60));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HubConnection _caller;
    private readonly HubConnection _callee;
    private readonly TaskCompletionSource<long> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _calleeEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _candidates;
    private string? _callId;
    private int _offered;

    public CallPair(AuthResponse caller, AuthResponse callee, Uri callerHub, Uri calleeHub, int candidates)
    {
        Caller = caller;
        _candidates = candidates;
        _caller = Connect(callerHub, caller.AccessToken);
        _callee = Connect(calleeHub, callee.AccessToken);
        _callee.On<CallDto>(nameof(IChatClient.CallRinging), call => _ = Guard(() => _callee.InvokeAsync<CallDto>(nameof(IChatHub.JoinCall), call.Id)));
        _callee.On<CallSignalDto>(nameof(IChatClient.CallSignal), signal => _ = signal.Type == CallSignalTypes.Offer
            ? Guard(() => SignalAsync(_callee, signal.CallId, signal.FromConnectionId, CallSignalTypes.Answer))
            : Task.CompletedTask);
        _callee.On<CallEndedDto>(nameof(IChatClient.CallEnded), ended => _calleeEnded.TrySetResult(ended.Reason));
        _caller.On<CallDto>(nameof(IChatClient.CallUpdated), call =>
        {
            if (call.State == CallStates.Active && call.Participants.FirstOrDefault(p => p.UserId != Caller.User.Id) is { } callee
                && Interlocked.Exchange(ref _offered, 1) == 0)
            {
                _ = Guard(() => SignalAsync(_caller, call.Id, callee.ConnectionId, CallSignalTypes.Offer));
            }
        });
        _caller.On<CallSignalDto>(nameof(IChatClient.CallSignal), signal =>
        {
            if (signal.Type == CallSignalTypes.Answer)
            {
                _answered.TrySetResult(Stopwatch.GetTimestamp());
            }
        });
        _caller.On<CallEndedDto>(nameof(IChatClient.CallEnded), ended => _answered.TrySetException(new CallFailure($"ended {ended.Reason}")));
    }

    public AuthResponse Caller { get; }

    public string ConversationId { get; set; } = "";

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.WhenAll(_caller.StartAsync(cancellationToken), _callee.StartAsync(cancellationToken));

    /// <summary>Start → answer at the caller, in ms; throws <see cref="CallFailure"/> (by reason) when the setup fails.</summary>
    public async Task<double> SetUpAsync()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            _callId = (await _caller.InvokeAsync<CallDto>(nameof(IChatHub.StartCall), ConversationId, CallKinds.Video, null)).Id;
        }
        catch (HubException exception)
        {
            throw new CallFailure($"start {HubError.Parse(exception.Message)?.Code ?? "error"}");
        }

        var answered = await _answered.Task.WaitAsync(Patience).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds;
    }

    /// <summary>The caller hangs up; the callee must hear the call ended.</summary>
    public async Task HangUpAsync()
    {
        if (_callId is null)
        {
            return;
        }

        await _caller.InvokeAsync(nameof(IChatHub.LeaveCall), _callId);
        var reason = await _calleeEnded.Task.WaitAsync(Patience);
        if (reason != CallEndReasons.HungUp)
        {
            throw new CallFailure($"hang-up ended {reason}");
        }
    }

    private async Task SignalAsync(HubConnection from, string callId, string to, string type)
    {
        await from.InvokeAsync(nameof(IChatHub.SendCallSignal), callId, to, type, Sdp);
        for (var i = 0; i < _candidates; i++)
        {
            await from.InvokeAsync(nameof(IChatHub.SendCallSignal), callId, to, CallSignalTypes.Candidate,
                $"{{\"candidate\":\"candidate:{i} 1 udp 2122260223 192.0.2.{i + 1} 5{i}000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        }
    }

    private async Task Guard(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is HubException or InvalidOperationException or TaskCanceledException)
        {
            _answered.TrySetException(new CallFailure($"signal {HubError.Parse(exception.Message)?.Code ?? exception.GetType().Name}"));
        }
    }

    private static HubConnection Connect(Uri hub, string token) => new HubConnectionBuilder()
        .WithUrl(hub, http =>
        {
            http.Transports = HttpTransportType.WebSockets;
            http.SkipNegotiation = true;
            http.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    public async ValueTask DisposeAsync()
    {
        await _caller.DisposeAsync();
        await _callee.DisposeAsync();
    }
}

/// <summary>A call that did not set up or end as it should, by reason (the report groups them).</summary>
public sealed class CallFailure(string reason) : Exception(reason);
