using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;

namespace NexusChat.Tests.Calls;

/// <summary>One device of a user, connected to one realtime replica, recording the call events pushed to it.</summary>
public sealed class CallParty : IAsyncDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<CallDto> _ringing = new();
    private readonly ConcurrentQueue<CallDto> _updates = new();
    private readonly ConcurrentQueue<CallEndedDto> _ended = new();
    private readonly ConcurrentQueue<CallSignalDto> _signals = new();

    private CallParty(HubConnection connection, AuthResponse user)
    {
        Connection = connection;
        User = user;
        connection.On<CallDto>(nameof(IChatClient.CallRinging), _ringing.Enqueue);
        connection.On<CallDto>(nameof(IChatClient.CallUpdated), _updates.Enqueue);
        connection.On<CallEndedDto>(nameof(IChatClient.CallEnded), _ended.Enqueue);
        connection.On<CallSignalDto>(nameof(IChatClient.CallSignal), _signals.Enqueue);
    }

    public HubConnection Connection { get; }

    public AuthResponse User { get; }

    /// <summary>
    /// This connection's id as the server knows it, learnt from the call it started or joined (clients connect without
    /// negotiation, so the hub connection itself never hears it).
    /// </summary>
    public string ConnectionId { get; private set; } = "not-in-a-call";

    public IReadOnlyList<CallDto> Ringing => [.. _ringing];

    public IReadOnlyList<CallDto> Updates => [.. _updates];

    public IReadOnlyList<CallEndedDto> Ended => [.. _ended];

    public IReadOnlyList<CallSignalDto> Signals => [.. _signals];

    public static async Task<CallParty> ConnectAsync(HostModeAppFixture fixture, AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var party = new CallParty(HubListener.Build(fixture, user, replica), user);
        await party.Connection.StartAsync(cancellationToken);
        // Served only once the connection has joined its conversations' groups (see HubListener).
        await party.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), cancellationToken);
        return party;
    }

    public async Task<CallDto> StartAsync(string conversationId, string kind = CallKinds.Video, IReadOnlyList<string>? invitees = null) =>
        Seated(await Connection.InvokeAsync<CallDto>(nameof(IChatHub.StartCall), conversationId, kind, invitees));

    public async Task<CallDto> JoinAsync(string callId) => Seated(await Connection.InvokeAsync<CallDto>(nameof(IChatHub.JoinCall), callId));

    private CallDto Seated(CallDto call)
    {
        ConnectionId = call.Participants.Single(p => p.UserId == User.User.Id).ConnectionId;
        return call;
    }

    public Task SignalAsync(string callId, string toConnectionId, string type, string payload) =>
        Connection.InvokeAsync(nameof(IChatHub.SendCallSignal), callId, toConnectionId, type, payload);

    /// <summary>The typed error a hub call failed with.</summary>
    public static async Task<HubError> FailureOf(Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<HubException>(call);
        return HubError.Parse(failure.Message) ?? throw new Xunit.Sdk.XunitException($"not a typed hub error: {failure.Message}");
    }

    public Task WaitAsync(Func<CallParty, bool> condition, string because, TimeSpan? within = null) =>
        Eventually.TrueAsync(() => condition(this), within ?? Soon, () => $"{because} (ringing {_ringing.Count}, updates {_updates.Count}, "
            + $"ended {string.Join(",", _ended.Select(e => e.Reason))}, signals {_signals.Count})");

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
