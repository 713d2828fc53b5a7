using System.Diagnostics;

namespace NexusChat.Tests.Telemetry;

public sealed class ErrorAndSlowSpanProcessorTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Slow = SampledTracing.SlowThreshold * 2;

    [Fact]
    public void AFailedSpanOutsideTheSampleIsExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        tracing.Run("POST /api/messages", Fast, activity => activity.SetStatus(ActivityStatusCode.Error));

        Assert.Equal("POST /api/messages", Assert.Single(tracing.Exported).DisplayName);
    }

    [Fact]
    public void ASlowSpanOutsideTheSampleIsExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        tracing.Run("POST /api/messages", Slow);

        Assert.True(Assert.Single(tracing.Exported).Duration > SampledTracing.SlowThreshold);
    }

    [Fact]
    public void AFastSuccessfulSpanOutsideTheSampleStaysUnrecordedAndIsNotExported()
    {
        using var tracing = new SampledTracing(ratio: 0);
        Activity? ended = null;

        tracing.Run("POST /api/messages", Fast, activity =>
        {
            activity.SetStatus(ActivityStatusCode.Ok);
            ended = activity;
        });

        Assert.False(ended?.Recorded);
        Assert.Empty(tracing.Exported);
    }

    [Fact]
    public void ASlowChildIsExportedOnItsOwnWithoutItsFastParent()
    {
        using var tracing = new SampledTracing(ratio: 0);

        using (tracing.Source.StartActivity("POST /api/messages", ActivityKind.Server))
        {
            tracing.Run("INSERT messages", Slow, kind: ActivityKind.Client);
        }

        Assert.Equal("INSERT messages", Assert.Single(tracing.Exported).DisplayName);
    }

    [Theory]
    [InlineData("http.response.status_code", 101)]
    [InlineData("http.request.method", "CONNECT")]
    public void AWebSocketRequestIsNotKeptForHowLongTheClientStayedConnected(string tag, object value)
    {
        using var tracing = new SampledTracing(ratio: 0);

        tracing.Run("GET /hubs/chat", TimeSpan.FromMinutes(5), activity => activity.SetTag(tag, value));

        Assert.Empty(tracing.Exported);
    }

    [Fact]
    public void AFailedWebSocketRequestIsExported()
    {
        using var tracing = new SampledTracing(ratio: 0);

        tracing.Run("GET /hubs/chat", TimeSpan.FromMinutes(5), activity =>
            activity.SetTag("http.response.status_code", 101).SetStatus(ActivityStatusCode.Error));

        Assert.Single(tracing.Exported);
    }
}
