namespace NexusChat.Storage.Conversations;

/// <summary>
/// How many different emoji one message may carry. Every member receives every message with all its reactions, so an
/// unbounded set let one user grow a message (and each push of it) without end by reacting with emoji after emoji.
/// Both providers apply it inside the write that adds the reaction, so concurrent adds cannot pass it together.
/// </summary>
public static class ReactionLimits
{
    public const int MaxDistinctPerMessage = 50;

    /// <summary>Whether adding <paramref name="emoji"/> would give <paramref name="message"/> one distinct emoji too many.</summary>
    public static bool WouldExceed(MessageRecord message, string emoji) =>
        !message.Reactions.ContainsKey(emoji) && message.Reactions.Count >= MaxDistinctPerMessage;

    /// <summary>Whether <paramref name="userId"/>'s <paramref name="emoji"/> reaction is on the message.</summary>
    public static bool Has(MessageRecord message, string userId, string emoji) =>
        message.Reactions.TryGetValue(emoji, out var users) && users.Contains(userId);
}
