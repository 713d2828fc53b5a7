using System.Text.RegularExpressions;

namespace NexusChat.Conversations;

/// <summary>What makes message text, client message ids, emoji and channel names acceptable.</summary>
public static partial class MessageRules
{
    public const int MaxTextLength = 4000;
    public const int MaxChannelNameLength = 80;
    public const int MaxTopicLength = 250;
    public const int MaxEmojiLength = 32;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ClientMessageIdPattern();

    // Same characters as usernames; the lookbehind keeps e-mail addresses (ana@example.org) from counting.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])@([A-Za-z0-9_.-]{3,32})")]
    private static partial Regex MentionPattern();

    /// <summary>
    /// Null when the text may be sent; else why not. A message that carries files may have no text (it is stored
    /// empty, <see cref="TextOf"/>); any other needs some.
    /// </summary>
    public static string? CheckText(string? text, bool hasAttachments = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return hasAttachments ? null : "A message needs text.";
        }

        if (text.Length > MaxTextLength)
        {
            return $"Messages have at most {MaxTextLength} characters.";
        }

        // Line breaks and tabs are text; other control characters only corrupt what others see.
        return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            ? "Messages cannot contain control characters."
            : null;
    }

    /// <summary>The text as stored: blank text (allowed only beside files) is stored empty.</summary>
    public static string TextOf(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : text;

    public static bool IsClientMessageId(string? id) => id is not null && ClientMessageIdPattern().IsMatch(id);

    /// <summary>
    /// One emoji: a pictograph (with its variation selector, skin tone, ZWJ joins or tags), a flag or a keycap, at most
    /// <see cref="MaxEmojiLength"/> UTF-16 units. Letters, digits, punctuation, other symbols and two emoji are not.
    /// </summary>
    /// <remarks>Null is possible: a hub client may send it for any argument.</remarks>
    public static bool IsEmoji(string? emoji) =>
        emoji is { Length: <= MaxEmojiLength } && EmojiGrapheme.IsSingleEmoji(emoji);

    /// <summary>The distinct usernames written as @username, normalized, in order of first appearance.</summary>
    public static IReadOnlyList<string> MentionedUsernames(string text) =>
        MentionPattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.').ToUpperInvariant()).Distinct().ToList();

    /// <summary>Null when the channel name may be used; else why not.</summary>
    public static string? CheckChannelName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxChannelNameLength || name.Any(char.IsControl)
            ? $"Channel names are 1 to {MaxChannelNameLength} characters with no control characters."
            : null;

    public static string? CheckTopic(string? topic) =>
        topic is not null && (topic.Length > MaxTopicLength || topic.Any(char.IsControl))
            ? $"Topics have at most {MaxTopicLength} characters and no control characters."
            : null;
}
