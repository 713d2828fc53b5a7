using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Threads;

namespace NexusChat.Tests.WebClient;

public sealed class ThreadSummaryTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 0, "1 reply · last reply 11:30")]
    [InlineData(3, 0, "3 replies · last reply 11:30")]
    [InlineData(2, -1, "2 replies · last reply 13 Mar 11:30")]
    public void ItSaysHowManyRepliesAndWhenTheLastCame(int replies, int days, string expected) =>
        Assert.Equal(expected, ThreadSummaryText.Of(new ThreadSummaryDto(replies, Now.AddMinutes(-30).AddDays(days), [], 1), TimeZoneInfo.Utc, Now));

    [Theory]
    [InlineData("Ana Lopez Diaz", "AL")]
    [InlineData("bo", "B")]
    public void InitialsAreTheFirstLettersOfTheFirstTwoNames(string name, string expected) => Assert.Equal(expected, ThreadSummaryText.Initials(name));
}
