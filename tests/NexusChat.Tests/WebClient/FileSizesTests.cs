using NexusChat.Web.Client.Features.Files;

namespace NexusChat.Tests.WebClient;

public sealed class FileSizesTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1000, "1.0 KB")]
    [InlineData(9_949, "9.9 KB")]
    [InlineData(9_960, "10 KB")]
    [InlineData(999_960, "1.0 MB")]
    [InlineData(4_200_000, "4.2 MB")]
    [InlineData(123_456_789, "123 MB")]
    [InlineData(4L * 1024 * 1024 * 1024, "4.3 GB")]
    public void SizesReadInDecimalUnitsWithOneDecimalBelowTen(long bytes, string expected) => Assert.Equal(expected, FileSizes.Human(bytes));

    [Fact]
    public void SpeedIsASizePerSecond() => Assert.Equal("12 MB/s", FileSizes.Speed(12_300_000));

    [Theory]
    [InlineData(0.2, "less than a second")]
    [InlineData(1.2, "2 s")]
    [InlineData(59, "59 s")]
    [InlineData(61, "2 min")]
    [InlineData(3600, "1 h")]
    [InlineData(3900, "1 h 5 min")]
    public void DurationsRoundUp(double seconds, string expected) => Assert.Equal(expected, FileSizes.Duration(TimeSpan.FromSeconds(seconds)));
}
