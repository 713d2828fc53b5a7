using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Client;

namespace NexusChat.Tests.Client;

public sealed class BackoffRetryPolicyTests
{
    private readonly BackoffRetryPolicy _policy = new();

    [Fact]
    public void TheFirstRetryComesWithinAQuarterSecond()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(_policy.Delay(0, random), TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        }
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(3, 2000)]
    [InlineData(5, 8000)]
    [InlineData(6, 10000)]
    [InlineData(1000, 10000)]
    public void LaterRetriesDoubleUpToTheCapWithinTwentyPercent(long previousAttempts, double plannedMs)
    {
        var random = new Random(11);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(_policy.Delay(previousAttempts, random).TotalMilliseconds, plannedMs * 0.8, plannedMs * 1.2);
        }
    }

    [Fact]
    public void ARefusedTokenEndsTheRetries()
    {
        var context = new RetryContext { PreviousRetryCount = 1, RetryReason = new InvalidOperationException("wrapped", new HubUnauthorizedException()) };

        Assert.Null(_policy.NextRetryDelay(context));
        Assert.NotNull(_policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 1, RetryReason = new IOException("reset") }));
    }
}
