using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Hosting;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Embedded;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace NexusChat.Tests.Realtime;

/// <summary>
/// The live path (the accepting replica pushes through the backplane right after the commit) and its backstop (the
/// outbox → RabbitMQ → realtime route pushes what the live path missed), with real processes killed.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class LiveDeliveryTests(HostModeAppFixture fixture)
{
    private const int Messages = 10;

    [Fact]
    public async Task AMessageCommittedByAReplicaThatDiedBeforePushingReachesEveryMemberOnceThroughTheBackstop()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var listeners = await ListenAsync(world, timeout.Token);
        await using var _ = new AsyncDisposables(listeners);

        // This process commits sends as an api replica would (same store, same outbox) and never pushes: a replica
        // killed between its commit and its push.
        var store = new SqliteConversationStore(new SqliteConnectionFactory(fixture.EmbeddedStorePath));
        for (var i = 1; i <= Messages; i++)
        {
            await store.SendMessageAsync(
                new NewMessage(channel.Id, world.Admin.User.Id, $"committed, never pushed {i}", null, [], Guid.NewGuid().ToString("N")), timeout.Token);
        }

        await AssertEachReceivedOnceAsync(listeners, channel.Id, Messages, world.Admin.User.Id, timeout.Token);
    }

    [Fact]
    public async Task WithEveryWorkerKilledMessagesReachEveryMemberAtOnceAndTheirEventsReachDurableConsumersOnceTheyRunAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var queue = await MessageCreatedQueue.DeclareAsync(fixture, timeout.Token);
        var world = await ConversationWorld.CreateAsync(fixture);
        var channel = await world.ChannelAsync("private");
        var listeners = await ListenAsync(world, timeout.Token);
        await using var _ = new AsyncDisposables(listeners);

        foreach (var worker in WorkerReplicas.Names)
        {
            ResourceProcesses.Kill(fixture.App, worker);
        }

        try
        {
            var sent = new List<MessageDto>();
            for (var i = 1; i <= Messages; i++)
            {
                // Both transports: REST through an api replica, and the hub of the sender's own listener.
                sent.Add(i % 2 == 0
                    ? await world.SendAsync(channel.Id, world.Member, $"worker down, REST {i}")
                    : await listeners[0].Connection.InvokeAsync<MessageDto>(
                        "SendMessage", channel.Id, Guid.NewGuid().ToString("N"), $"worker down, hub {i}", null, timeout.Token));
            }

            foreach (var listener in listeners)
            {
                await Eventually.TrueAsync(() => listener.Received(channel.Id).Count >= Messages, TimeSpan.FromSeconds(5),
                    () => $"live delivery without the worker: {listener.Received(channel.Id).Count} of {Messages}");
            }

            foreach (var worker in WorkerReplicas.Names)
            {
                await fixture.App.ResourceCommands.ExecuteCommandAsync(worker, KnownResourceCommands.StartCommand, timeout.Token);
                await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(worker, timeout.Token);
            }

            var relayed = await queue.ReceiveAsync(channel.Id, [.. sent.Select(m => m.Id)], timeout.Token);

            // Every delivery counted: a republished event would show as a second entry.
            Assert.Equal(sent.Select(m => m.Id).Order(), relayed.Select(d => d.MessageId).Order());
            // The relayed events also reach the realtime backstop, which must not push again what was pushed live.
            await AssertEachReceivedOnceAsync(listeners, channel.Id, Messages, world.Admin.User.Id, timeout.Token);
        }
        finally
        {
            foreach (var worker in WorkerReplicas.Names)
            {
                if (fixture.App.ResourceNotifications.TryGetCurrentState(worker, out var state)
                    && state.Snapshot.State?.Text is "Exited" or "Finished")
                {
                    await fixture.App.ResourceCommands.ExecuteCommandAsync(worker, KnownResourceCommands.StartCommand, CancellationToken.None);
                }
            }
        }
    }

    private sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> items) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var item in items)
            {
                await item.DisposeAsync();
            }
        }
    }

    /// <summary>Member on realtime-1 (also the hub sender), Member2 on realtime-2, Owner on realtime-3.</summary>
    private async Task<HubListener[]> ListenAsync(ConversationWorld world, CancellationToken cancellationToken) =>
    [
        await HubListener.ConnectAsync(fixture, world.Member, "realtime-1", cancellationToken),
        await HubListener.ConnectAsync(fixture, world.Member2, "realtime-2", cancellationToken),
        await HubListener.ConnectAsync(fixture, world.Owner, "realtime-3", cancellationToken),
    ];

    private async Task AssertEachReceivedOnceAsync(
        HubListener[] listeners, string conversationId, int messages, string memberId, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await Eventually.TrueAsync(() => listener.Received(conversationId).Count >= messages, TimeSpan.FromSeconds(30),
                () => $"{listener.Received(conversationId).Count} of {messages} received");
        }

        // Once the backstop's sentinel is in, a duplicate pushed by either path would be too.
        var sentinel = await BackstopSentinel.SendAndAwaitAsync(
            fixture, conversationId, memberId, listeners, cancellationToken);
        foreach (var listener in listeners)
        {
            Assert.Equal(Enumerable.Range(1, (int)sentinel).Select(i => (long)i), listener.Received(conversationId).Select(m => m.Seq).Order());
        }
    }
}
