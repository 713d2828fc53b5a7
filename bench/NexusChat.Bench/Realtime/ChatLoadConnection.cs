using NexusChat.Client;

namespace NexusChat.Bench.Realtime;

/// <summary>A device on NexusChat: the reusable <see cref="ChatConnection"/>, as the web client uses it.</summary>
public sealed class ChatLoadConnection : ILoadConnection
{
    private readonly ChatConnection _connection;
    private readonly string _conversationId;
    private int _drops;

    public ChatLoadConnection(Uri hubUrl, string accessToken, HubWireProtocol protocol, string conversationId, Action<string?> received)
    {
        _conversationId = conversationId;
        _connection = new ChatConnection(new ChatConnectionOptions
        {
            HubUrl = hubUrl,
            AccessTokenProvider = () => Task.FromResult<string?>(accessToken),
            Protocol = protocol,
        });
        _connection.MessageReceived += message => received(message.Text);
        _connection.StateChanged += state =>
        {
            if (state == ChatConnectionState.Reconnecting)
            {
                Interlocked.Increment(ref _drops);
            }
        };
    }

    public bool IsConnected => _connection.State == ChatConnectionState.Connected;

    public int Drops => Volatile.Read(ref _drops);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);
        // Declared after the connect so the connect's resync has nothing to fetch; the channel is new (seq 0), so
        // any message that arrives out of order is held for the ones before it instead of being taken as the start.
        _connection.Track(_conversationId, 0, 0);
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        _connection.SendMessageAsync(_conversationId, text, cancellationToken: cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
