using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

public sealed class TypingTextTests
{
    [Fact]
    public void OneTwoAndManyTypists()
    {
        Assert.Null(TypingText.For([]));
        Assert.Equal("Ana is typing…", TypingText.For(["Ana"]));
        Assert.Equal("Ana and Bo are typing…", TypingText.For(["Ana", "Bo"]));
        Assert.Equal("Several people are typing…", TypingText.For(["Ana", "Bo", "Cy"]));
    }
}
