using NexusChat.Web.Client.Features.People;

namespace NexusChat.Tests.WebClient;

/// <summary>Initials and colours of users without a picture.</summary>
public sealed class AvatarLookTests
{
    [Theory]
    [InlineData("Ana Lima", "AL")]
    [InlineData("ana", "A")]
    [InlineData("  ana   maria  de souza ", "AS")]
    [InlineData("élodie durand", "ÉD")]
    [InlineData("(ana) [lima]", "AL")]
    [InlineData("🦊 Fox", "🦊F")]
    [InlineData("...", "?")]
    [InlineData("", "?")]
    [InlineData(null, "?")]
    public void InitialsAreTheFirstLettersOfTheFirstAndLastWords(string? displayName, string expected) =>
        Assert.Equal(expected, AvatarLook.Initials(displayName));

    [Fact]
    public void TheColourIsFixedByTheUserIdAndSpreadOverThePalette()
    {
        var ids = Enumerable.Range(0, 200).Select(i => Guid.NewGuid().ToString("N")).ToList();

        var colours = ids.Select(AvatarLook.ColorIndex).ToList();

        Assert.All(colours, c => Assert.InRange(c, 0, AvatarLook.Colors - 1));
        Assert.Equal(colours, ids.Select(AvatarLook.ColorIndex));
        Assert.Equal(AvatarLook.Colors, colours.Distinct().Count());
        // FNV-1a, not string.GetHashCode: the same in every process and on every client.
        Assert.Equal(9, AvatarLook.ColorIndex("0f8fad5bd9cb469fa16570867728950e"));
    }
}
