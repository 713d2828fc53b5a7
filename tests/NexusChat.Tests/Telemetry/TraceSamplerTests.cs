using System.Diagnostics;

namespace NexusChat.Tests.Telemetry;

public sealed class TraceSamplerTests
{
    [Theory]
    [InlineData("db.system")]
    [InlineData("db.system.name")]
    public void ARedisCommandWithNoParentIsDroppedBeforeItRecordsAnythingEvenWhenSlow(string systemTag)
    {
        using var tracing = new SampledTracing(ratio: 1);

        using (var command = tracing.StartRedisCommand(systemTag, startTime: DateTimeOffset.UtcNow.AddSeconds(-2)))
        {
            Assert.False(command?.IsAllDataRequested ?? false);
        }

        Assert.Empty(tracing.Exported);
    }

    [Fact]
    public void ARedisCommandIssuedInsideASampledRequestIsExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        using (tracing.StartRedisCommand("db.system", SampledTracing.RemoteParent(sampled: true)))
        {
        }

        Assert.Single(tracing.Exported);
    }

    [Fact]
    public void ARootThatIsNotRedisIsSampledLikeAnyOther()
    {
        using var tracing = new SampledTracing(ratio: 1);

        tracing.Run("GET /api/conversations", TimeSpan.FromMilliseconds(5), kind: ActivityKind.Client);

        Assert.Single(tracing.Exported);
    }

    [Fact]
    public void RootsAreSampledInTheConfiguredShareOfTraces()
    {
        using var tracing = new SampledTracing(ratio: 0.25);

        for (var i = 0; i < 2000; i++)
        {
            tracing.Run("GET /api/conversations", TimeSpan.FromMilliseconds(5));
        }

        // 500 expected; the bounds are more than five standard deviations (19) away.
        Assert.InRange(tracing.Exported.Count, 400, 600);
    }

    [Fact]
    public void AnUnsampledRootIsRecordedSoThatItCanStillBeKeptButIsNotExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        using (var request = tracing.Source.StartActivity("GET /api/conversations", ActivityKind.Server))
        {
            Assert.NotNull(request);
            Assert.True(request.IsAllDataRequested);
            Assert.False(request.Recorded);
        }

        Assert.Empty(tracing.Exported);
    }

    [Fact]
    public void ASpanFollowsItsSampledParentWhateverTheRatio()
    {
        using var tracing = new SampledTracing(ratio: 0);

        using (var child = tracing.Source.StartActivity("publish", ActivityKind.Producer, SampledTracing.RemoteParent(sampled: true)))
        {
            Assert.True(child?.Recorded);
        }

        Assert.Single(tracing.Exported);
    }

    [Fact]
    public void ASpanFollowsItsUnsampledParentWhateverTheRatioButIsStillRecorded()
    {
        using var tracing = new SampledTracing(ratio: 1);

        using (var child = tracing.Source.StartActivity("process", ActivityKind.Consumer, SampledTracing.RemoteParent(sampled: false)))
        {
            Assert.NotNull(child);
            Assert.True(child.IsAllDataRequested);
            Assert.False(child.Recorded);
        }

        Assert.Empty(tracing.Exported);
    }

    [Fact]
    public void ALocalChildOfAnUnsampledRootIsNotExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        using (tracing.Source.StartActivity("GET /api/conversations", ActivityKind.Server))
        using (var child = tracing.Source.StartActivity("load conversations"))
        {
            Assert.False(child?.Recorded);
        }

        Assert.Empty(tracing.Exported);
    }
}
