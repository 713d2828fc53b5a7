using System.Text.RegularExpressions;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The @mention being typed at the end of the composer's text, and how to complete it.</summary>
public static partial class MentionQuery
{
    [GeneratedRegex(@"(?:^|[^A-Za-z0-9_.-])@(?<prefix>[A-Za-z0-9_.-]{0,32})$")]
    private static partial Regex Trailing();

    /// <summary>The text typed after '@' so far; null when no mention is being typed.</summary>
    public static string? Find(string text)
    {
        var match = Trailing().Match(text);
        return match.Success ? match.Groups["prefix"].Value : null;
    }

    /// <summary>The text with the mention being typed replaced by <c>@username </c>.</summary>
    public static string Complete(string text, string username)
    {
        var prefix = Find(text) ?? string.Empty;
        return string.Concat(text.AsSpan(0, text.Length - prefix.Length - 1), "@", username, " ");
    }
}
