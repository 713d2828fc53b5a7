using Microsoft.Extensions.Time.Testing;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Mongo.Contention;

namespace NexusChat.Tests.Storage.Mongo;

/// <summary>The retry of lost write conflicts, on a fake clock that each pause advances.</summary>
public sealed class ConflictBackoffTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<TimeSpan> _pauses = [];

    [Fact]
    public async Task ConflictsAreRetriedAfterJitteredPausesThatGrowToTheCap()
    {
        var backoff = Backoff(jitter: 0.5);
        var attempts = 0;

        var result = await backoff.RunAsync("c1", _clock.GetTimestamp(), _ => ++attempts < 8 ? throw new Conflict() : Task.FromResult("done"),
            e => e is Conflict, CancellationToken.None);

        Assert.Equal("done", result);
        Assert.Equal(8, attempts);
        // Half of 10, 20, 40, 80, 160 ms, then of the 250 ms cap.
        Assert.Equal([5, 10, 20, 40, 80, 125, 125], _pauses.Select(p => p.TotalMilliseconds));
    }

    [Fact]
    public async Task AConversationThatKeepsConflictingFailsAsBusyWithinTheBudget()
    {
        var backoff = Backoff(jitter: 0.99);

        var busy = await Assert.ThrowsAsync<ConversationBusyException>(() =>
            backoff.RunAsync<string>("c1", _clock.GetTimestamp(), _ => throw new Conflict(), e => e is Conflict, CancellationToken.None));

        Assert.IsType<Conflict>(busy.InnerException);
        Assert.True(busy.RetryAfter > TimeSpan.Zero);
        Assert.True(_pauses.Count > 10);
        Assert.True(_pauses.Sum(p => p.Ticks) < ConflictBackoff.Budget.Ticks);
    }

    [Fact]
    public async Task TimeAlreadySpentWaitingForTheConversationCountsAgainstTheBudget()
    {
        var backoff = Backoff(jitter: 0.5);
        var startedAt = _clock.GetTimestamp();
        _clock.Advance(ConflictBackoff.Budget - TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<ConversationBusyException>(() =>
            backoff.RunAsync<string>("c1", startedAt, _ => throw new Conflict(), e => e is Conflict, CancellationToken.None));
        Assert.Empty(_pauses);
    }

    [Fact]
    public async Task OtherFailuresAreNotRetried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Backoff(jitter: 0.5).RunAsync<string>(
            "c1", _clock.GetTimestamp(), _ => { attempts++; throw new InvalidOperationException(); }, e => e is Conflict, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Empty(_pauses);
    }

    [Fact]
    public async Task WritersToOneConversationTakeTurnsAndOneThatWaitsTooLongIsTurnedAway()
    {
        var gate = new ConversationWriteGate();
        using var first = await gate.EnterAsync("c1", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotNull(first);

        var second = gate.EnterAsync("c1", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Null(await gate.EnterAsync("c1", TimeSpan.FromMilliseconds(20), CancellationToken.None));

        first.Dispose();
        using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(secondTurn);
    }

    private ConflictBackoff Backoff(double jitter) => new(_clock, (delay, _) =>
    {
        _pauses.Add(delay);
        _clock.Advance(delay);
        return Task.CompletedTask;
    }, () => jitter);

    private sealed class Conflict : Exception;
}
