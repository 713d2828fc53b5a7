using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Hosting;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using NexusChat.Tests.Realtime;

namespace NexusChat.Tests.Conversations;

/// <summary>
/// Sends and live delivery do not depend on RabbitMQ: the change and its event are saved together, the accepting
/// replica pushes the message to the members at once, and the worker's outbox relay publishes the events once the
/// broker is back.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class MessagingOutageTests(HostModeAppFixture fixture)
{
    private const int Messages = 100;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    /// <summary>Generous for a loaded CI machine; the live push normally takes milliseconds.</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WhileRabbitMqIsDownSendsSucceedAndReachMembersLiveAndEachMessageCreatedArrivesOnceItIsBack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await using var queue = await MessageCreatedQueue.DeclareAsync(fixture, timeout.Token);
        var world = await ConversationWorld.CreateAsync(fixture);
        var conversation = await world.ChannelAsync("private");
        await using var listener = await HubListener.ConnectAsync(fixture, world.Owner, "realtime-2", timeout.Token);

        var stopped = DateTime.UtcNow;
        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Messaging, KnownResourceCommands.StopCommand, timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceAsync(
            ResourceNames.Messaging, e => e.Snapshot.State?.Text is "Exited" or "Finished", timeout.Token);
        var sent = new List<MessageDto>();
        for (var i = 0; i < Messages; i++)
        {
            var message = await world.SendAsync(conversation.Id, world.Member, $"during the outage {i}");
            sent.Add(message);
            await Eventually.TrueAsync(() => listener.Received(conversation.Id).Any(m => m.Seq == message.Seq), LiveWithin,
                $"seq {message.Seq} pushed live while RabbitMQ is down");
        }

        var remaining = Outage - (DateTime.UtcNow - stopped);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, timeout.Token);
        }

        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Messaging, KnownResourceCommands.StartCommand, timeout.Token);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token);

        // Committed once the broker is back and delivered only by the backstop: reading the queue goes on until its event
        // has arrived too, counting every delivery (a copy of an event relayed twice shows as a second entry), and once
        // the listener has it, a duplicate push of the relayed events would have arrived as well.
        var sentinel = await BackstopSentinel.SendAsync(fixture, conversation.Id, world.Member.User.Id, timeout.Token);
        var received = await queue.ReceiveAsync(conversation.Id, [.. sent.Select(m => m.Id), sentinel.Id], timeout.Token);
        await listener.WaitForAsync(l => l.Received(conversation.Id).Any(m => m.Id == sentinel.Id), timeout.Token);

        Assert.Equal(sent.Select(m => m.Id).Append(sentinel.Id).Order(), received.Select(d => d.MessageId).Order());
        Assert.Equal(sent.Select(m => m.Seq).Append(sentinel.Seq).Order(), listener.Received(conversation.Id).Select(m => m.Seq).Order());
    }
}
