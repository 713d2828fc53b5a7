using NexusChat.Web.Client.Features.Calls;

namespace NexusChat.Tests.WebClient.Calls;

public sealed class CallLayoutAndQualityTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(6, 3)]
    public void TilesFormANearSquareGrid(int tiles, int columns)
    {
        Assert.Equal(columns, CallTileLayout.Columns(tiles));
        Assert.Equal($"call-grid cols-{columns}", CallTileLayout.GridClass(tiles));
    }

    [Theory]
    [InlineData(-1, 0, QualityLevel.Unknown)]
    [InlineData(40, 0, QualityLevel.Good)]
    [InlineData(150, 1.9, QualityLevel.Good)]
    [InlineData(151, 0, QualityLevel.Fair)]
    [InlineData(40, 2, QualityLevel.Fair)]
    [InlineData(301, 0, QualityLevel.Poor)]
    [InlineData(40, 5, QualityLevel.Poor)]
    public void QualityComesFromRoundTripAndLoss(int roundTripMs, double lossPercent, QualityLevel expected) =>
        Assert.Equal(expected, new ConnectionQuality(roundTripMs, lossPercent).Level);

    [Fact]
    public void TheQualityLabelGivesTheFigures()
    {
        Assert.Equal("Good connection · 40 ms", new ConnectionQuality(40, 0).Label);
        Assert.Equal("Poor connection · 420 ms, 7.5 % loss", new ConnectionQuality(420, 7.5).Label);
        Assert.Equal("Connecting…", ConnectionQuality.Unmeasured.Label);
    }
}
