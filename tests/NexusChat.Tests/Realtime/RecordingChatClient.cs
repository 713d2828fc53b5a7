using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using NexusChat.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using Microsoft.Extensions.Logging;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Xunit.Abstractions;

namespace NexusChat.Tests.Realtime;

/// <summary>A <see cref="ChatConnection"/> (the reusable client) that records what it raises to the app.</summary>
public sealed class RecordingChatClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<MessageDto> _received = new();
    private readonly ConcurrentQueue<TimeSpan> _reconnects = new();
    private readonly ConcurrentQueue<PresenceDto> _presence = new();

    private RecordingChatClient(ChatConnection connection, AuthResponse user)
    {
        Connection = connection;
        User = user;
        connection.MessageReceived += _received.Enqueue;
        connection.Reconnected += _reconnects.Enqueue;
        connection.PresenceChanged += _presence.Enqueue;
    }

    public ChatConnection Connection { get; }

    public AuthResponse User { get; }

    public IReadOnlyList<TimeSpan> Reconnects => [.. _reconnects];

    /// <summary>Connects through the gateway, as browsers do (the gateway picks the replica).</summary>
    /// <param name="log">Where the client's reconnect attempts are logged, to explain a timeout.</param>
    public static Task<RecordingChatClient> ThroughGatewayAsync(
        HostModeAppFixture fixture, AuthResponse user, HubWireProtocol protocol, CancellationToken cancellationToken, ITestOutputHelper? log = null) =>
        ConnectAsync(new Uri(fixture.WebAddress, "/hubs/chat"), user, protocol, cancellationToken, log);

    /// <summary>Connects to one realtime replica directly, to place a user on a known server.</summary>
    public static Task<RecordingChatClient> ToReplicaAsync(
        HostModeAppFixture fixture, AuthResponse user, string replica, CancellationToken cancellationToken) =>
        ConnectAsync(new Uri(fixture.App.GetEndpoint(replica, "http"), "/hubs/chat"), user, HubWireProtocol.Json, cancellationToken);

    private static async Task<RecordingChatClient> ConnectAsync(
        Uri hubUrl, AuthResponse user, HubWireProtocol protocol, CancellationToken cancellationToken, ITestOutputHelper? log = null)
    {
        var loggers = LoggerFactory.Create(logging =>
        {
            if (log is not null)
            {
                logging.AddProvider(new TestOutputLoggerProvider(log));
            }
        });
        var client = new RecordingChatClient(new ChatConnection(new ChatConnectionOptions
        {
            HubUrl = hubUrl,
            AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken),
            Protocol = protocol,
            LoggerFactory = loggers,
        }), user);
        await client.Connection.StartAsync(cancellationToken);
        return client;
    }

    public IReadOnlyList<long> ReceivedSeqs(string conversationId) =>
        _received.Where(m => m.ConversationId == conversationId).Select(m => m.Seq).ToList();

    public IReadOnlyList<PresenceDto> PresenceOf(string userId) => _presence.Where(p => p.UserId == userId).ToList();

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
