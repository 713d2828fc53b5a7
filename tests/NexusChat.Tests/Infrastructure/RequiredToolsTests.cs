namespace NexusChat.Tests.Infrastructure;

public sealed class RequiredToolsTests
{
    [Fact]
    public void AMissingToolFailsTheTestWhereTheTestCommandInstalledEverything()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            RequiredTools.SkipOrFailIfMissing(mustBePresent: true, null, "redis-server is not on PATH"));

        Assert.Contains("redis-server is not on PATH", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingToolSkipsTheTestOnADevelopersMachineWithItsReason()
    {
        var skip = Assert.Throws<SkipException>(() => RequiredTools.SkipOrFailIfMissing(mustBePresent: false, "chromium is not installed"));

        Assert.Equal("chromium is not installed", skip.Message);
    }

    [Fact]
    public void NothingHappensWhenEveryToolIsPresent() => RequiredTools.SkipOrFailIfMissing(mustBePresent: true, null, null);
}
