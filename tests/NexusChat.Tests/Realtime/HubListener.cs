using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>A hub connection straight to one realtime replica that records what the server pushes to it.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<MessageDto> _messages = new();
    private readonly ConcurrentQueue<MessageDto> _updates = new();
    private readonly ConcurrentQueue<ReadStateDto> _readStates = new();
    private readonly ConcurrentQueue<TypingDto> _typing = new();
    private readonly ConcurrentQueue<ConversationDto> _conversations = new();
    private readonly ConcurrentQueue<MembersChangedDto> _memberChanges = new();

    private HubListener(HubConnection connection)
    {
        Connection = connection;
        connection.On<MessageDto>("MessageCreated", _messages.Enqueue);
        connection.On<MessageDto>("MessageUpdated", _updates.Enqueue);
        connection.On<ReadStateDto>("ReadStateChanged", _readStates.Enqueue);
        connection.On<TypingDto>("TypingStarted", _typing.Enqueue);
        connection.On<ConversationDto>("ConversationUpdated", _conversations.Enqueue);
        connection.On<MembersChangedDto>("MembersChanged", _memberChanges.Enqueue);
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<ReadStateDto> ReadStates => [.. _readStates];

    public IReadOnlyList<TypingDto> Typing => [.. _typing];

    public IReadOnlyList<ConversationDto> ConversationUpdates(string conversationId) =>
        _conversations.Where(c => c.Id == conversationId).ToList();

    public IReadOnlyList<MembersChangedDto> MemberChanges(string conversationId) =>
        _memberChanges.Where(c => c.ConversationId == conversationId).ToList();

    public static async Task<HubListener> ConnectAsync(
        HostModeAppFixture fixture, AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var listener = new HubListener(Build(fixture, user, replica));
        await listener.Connection.StartAsync(cancellationToken);
        // The handshake completes before the server has joined the connection to its conversations' groups; it serves
        // the first invocation only after (docs/protocol.md: a client syncs after connecting for this reason).
        await listener.Connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), cancellationToken);
        return listener;
    }

    /// <summary>A hub connection to one replica as the user, not started (WebSockets, no negotiation, as clients connect).</summary>
    public static HubConnection Build(HostModeAppFixture fixture, AuthResponse user, string replica) => new HubConnectionBuilder()
        .WithUrl(new Uri(fixture.App.GetEndpoint(replica, "http"), "/hubs/chat"), options =>
        {
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
        })
        .Build();

    public IReadOnlyList<MessageDto> Received(string conversationId) =>
        _messages.Where(m => m.ConversationId == conversationId).ToList();

    public IReadOnlyList<MessageDto> Updates(string conversationId) =>
        _updates.Where(m => m.ConversationId == conversationId).ToList();

    public async Task WaitForAsync(Func<HubListener, bool> condition, CancellationToken cancellationToken)
    {
        while (!condition(this))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
