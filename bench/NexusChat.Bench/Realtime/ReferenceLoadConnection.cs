using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace NexusChat.Bench.Realtime;

/// <summary>A device on the reference hub: a plain SignalR client with the same transport settings as ChatConnection.</summary>
public sealed class ReferenceLoadConnection : ILoadConnection
{
    private readonly HubConnection _hub;
    private readonly string _group;
    private int _drops;

    public ReferenceLoadConnection(Uri hubUrl, string group, Action<string?> received)
    {
        _group = group;
        _hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, http =>
            {
                http.SkipNegotiation = true;
                http.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect()
            .Build();
        _hub.On<string?>(ReferenceHub.Message, received);
        _hub.Reconnecting += _ =>
        {
            Interlocked.Increment(ref _drops);
            return Task.CompletedTask;
        };
        // Group membership lives with the server-side connection, which a reconnect replaces.
        _hub.Reconnected += _ => _hub.InvokeAsync(nameof(ReferenceHub.Join), _group);
    }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    public int Drops => Volatile.Read(ref _drops);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _hub.StartAsync(cancellationToken);
        await _hub.InvokeAsync(nameof(ReferenceHub.Join), _group, cancellationToken);
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        _hub.InvokeAsync(nameof(ReferenceHub.Broadcast), _group, text, cancellationToken);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
