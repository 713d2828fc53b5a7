using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Realtime;

/// <summary>Messages sent through the REST api reach the hub connections of the conversation's members on every realtime replica.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class RestDeliveryTests(HostModeAppFixture fixture)
{
    private const int Messages = 20;

    [Fact]
    public async Task AMessageSentThroughRestReachesEveryMembersConnectionOnceOnAnyReplicaAndNoOutsider()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var listeners = new[]
        {
            await ListenAsync(world.Member, "realtime-1", timeout.Token),
            await ListenAsync(world.Member2, "realtime-2", timeout.Token),
            await ListenAsync(world.Owner, "realtime-3", timeout.Token),
        };
        await using var outsider = await ListenAsync(world.Outsider, "realtime-1", timeout.Token);

        for (var i = 1; i <= Messages; i++)
        {
            await world.SendAsync(channel.Id, world.Admin, $"over REST {i}");
        }

        foreach (var listener in listeners)
        {
            await listener.WaitForAsync(channel.Id, Messages, timeout.Token);
        }

        // Time for a duplicate to show up, had one been sent.
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        foreach (var listener in listeners)
        {
            Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), listener.Received(channel.Id).Select(m => m.Seq).Order());
            await listener.DisposeAsync();
        }

        Assert.Empty(outsider.Received(channel.Id));
    }

    private async Task<Listener> ListenAsync(AuthResponse user, string replica, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.GetEndpoint(replica, "http"), "/hubs/chat"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
            })
            .Build();
        var listener = new Listener(connection);
        await connection.StartAsync(cancellationToken);
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentQueue<MessageDto> _received = new();

        public Listener(HubConnection connection)
        {
            _connection = connection;
            connection.On<MessageDto>("MessageCreated", _received.Enqueue);
        }

        public IReadOnlyList<MessageDto> Received(string conversationId) =>
            _received.Where(m => m.ConversationId == conversationId).ToList();

        public async Task WaitForAsync(string conversationId, int count, CancellationToken cancellationToken)
        {
            while (Received(conversationId).Count < count)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
