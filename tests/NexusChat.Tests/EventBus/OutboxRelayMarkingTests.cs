using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.EventBus.Outbox;

namespace NexusChat.Tests.EventBus;

/// <summary>
/// The relay's bookkeeping against a broker that confirms every publish at once (<see cref="ConfirmingPublisher"/>):
/// when it marks, how often, and what it publishes again. The broker side is <see cref="OutboxRelayTests"/>.
/// </summary>
public sealed class OutboxRelayMarkingTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    // Longer than any test runs: only the bound or a stop marks.
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private readonly CancellationTokenSource _testTimeout = new(TimeSpan.FromSeconds(30));
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly InMemoryOutboxStore _outbox = new();

    private CancellationToken Token => _testTimeout.Token;

    [Fact]
    public async Task ConfirmedEventsAreNotPublishedAgainWhileTheyWaitToBeMarked()
    {
        var publisher = new ConfirmingPublisher();
        var messages = AddMessages(5);
        using var relay = await StartRelayAsync(publisher, markInterval: Never, batchSize: 2);

        await Eventually.TrueAsync(() => publisher.Published.Count == messages.Count, Timeout, "every pending message was published");
        await Task.Delay(PollInterval * 10, Token);
        messages.AddRange(AddMessages(1));
        await Eventually.TrueAsync(() => publisher.Published.Count == messages.Count, Timeout, "the message written later was published");
        await Task.Delay(PollInterval * 10, Token);

        Assert.Equal(0, _outbox.MarkCalls);
        Assert.Equal(messages.Count, _outbox.PendingCount);
        Assert.Equal(EventIds(messages), publisher.Published.Order());
        await relay.StopAsync(Token);
    }

    [Fact]
    public async Task ConfirmsAreMarkedInOneWriteWhenTheyReachTheBoundNotOncePerBatch()
    {
        var publisher = new ConfirmingPublisher();
        var messages = AddMessages(35);
        using var relay = await StartRelayAsync(publisher, markInterval: Never, batchSize: 5, maxUnmarked: 10);

        await Eventually.TrueAsync(() => publisher.Published.Count == messages.Count, Timeout, "every pending message was published");
        await relay.StopAsync(Token);

        // Seven batches, four writes: at 10, 20 and 30 confirms, and the last 5 on stop.
        Assert.Equal(4, _outbox.MarkCalls);
        Assert.Equal(EventIds(messages), _outbox.Marked.Order());
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task AnIdleRelayMarksItsConfirmsOnceTheMarkIntervalIsUpWithoutWaitingForItsNextPoll()
    {
        var publisher = new ConfirmingPublisher();
        var messages = AddMessages(3);
        using var relay = await StartRelayAsync(publisher, markInterval: TimeSpan.FromMilliseconds(200), pollInterval: Never);

        await Eventually.TrueAsync(() => _outbox.PendingCount == 0, Timeout, "the confirms were marked");
        await relay.StopAsync(Token);

        Assert.Equal(1, _outbox.MarkCalls);
        Assert.Equal(EventIds(messages), _outbox.Marked.Order());
    }

    [Fact]
    public async Task ConfirmedEventsAreMarkedWhenTheRelayStops()
    {
        var publisher = new ConfirmingPublisher();
        var messages = AddMessages(3);
        using var relay = await StartRelayAsync(publisher, markInterval: Never);
        await Eventually.TrueAsync(() => publisher.Published.Count == messages.Count, Timeout, "every pending message was published");
        Assert.Equal(0, _outbox.MarkCalls);

        await relay.StopAsync(Token);

        Assert.Equal(1, _outbox.MarkCalls);
        Assert.Equal(EventIds(messages), _outbox.Marked.Order());
        Assert.Equal(0, _outbox.PendingCount);
    }

    [Fact]
    public async Task EventsConfirmedButNotMarkedWhenTheRelayDiesArePublishedAgainWithTheSameIds()
    {
        var messages = AddMessages(3);
        var beforeCrash = new ConfirmingPublisher();
        var crashed = await StartRelayAsync(beforeCrash, markInterval: Never);
        await Eventually.TrueAsync(() => beforeCrash.Published.Count == messages.Count, Timeout, "every pending message was published");

        // Dying is not stopping: the loop ends and nothing marks what only its memory held.
        crashed.Dispose();
        Assert.Equal(0, _outbox.MarkCalls);
        var afterRestart = new ConfirmingPublisher();
        using var relay = await StartRelayAsync(afterRestart, markInterval: Never);
        await Eventually.TrueAsync(() => afterRestart.Published.Count == messages.Count, Timeout, "the unmarked messages were published again");
        await relay.StopAsync(Token);

        // The same ids, so every consumer's processed-event record drops the copies.
        Assert.Equal(EventIds(messages), afterRestart.Published.Order());
        Assert.Equal(EventIds(messages), _outbox.Marked.Order());
    }

    public void Dispose()
    {
        _services.Dispose();
        _testTimeout.Dispose();
    }

    private static IEnumerable<Guid> EventIds(IEnumerable<OutboxMessage> messages) => messages.Select(m => m.EventId).Order();

    private List<OutboxMessage> AddMessages(int count)
    {
        var messages = Enumerable.Range(1, count)
            .Select(n => new OutboxMessage(Guid.CreateVersion7(), "MarkingProbe", $$"""{"n":{{n}}}""", DateTimeOffset.UtcNow, TraceParent: null))
            .ToList();
        messages.ForEach(_outbox.Add);
        return messages;
    }

    private async Task<OutboxRelay> StartRelayAsync(
        ConfirmingPublisher publisher, TimeSpan markInterval, int batchSize = 100, int maxUnmarked = 1000, TimeSpan? pollInterval = null)
    {
        var options = new OutboxRelayOptions
        {
            BatchSize = batchSize,
            PollInterval = pollInterval ?? PollInterval,
            MarkInterval = markInterval,
            MaxUnmarked = maxUnmarked,
        };
        var relay = new OutboxRelay(_outbox, publisher, Options.Create(options), _services, NullLogger<OutboxRelay>.Instance);
        await relay.StartAsync(Token);
        return relay;
    }
}
