using NexusChat.Contracts.Conversations;

namespace NexusChat.Contracts.Realtime;

/// <summary>What the server calls on a connected client (method names are the member names).</summary>
public interface IChatClient
{
    /// <summary>A message was stored in one of the user's conversations (sent through REST or the hub).</summary>
    Task MessageCreated(MessageDto message);

    /// <summary>A message was edited, deleted (a tombstone) or its reactions changed; as this user sees it.</summary>
    Task MessageUpdated(MessageDto message);

    /// <summary>The user's read position moved, on this or another of their devices.</summary>
    Task ReadStateChanged(ReadStateDto state);

    /// <summary>
    /// A conversation of the user was created, renamed or its members changed, as the user sees it; with no
    /// <see cref="ConversationDto.MyRole"/> it means the user is no longer a member.
    /// </summary>
    Task ConversationUpdated(ConversationDto conversation);

    /// <summary>Someone is typing in one of the user's conversations; show it until <see cref="TypingDto.ExpiresInMs"/> passes unless renewed.</summary>
    Task TypingStarted(TypingDto typing);

    /// <summary>This session was ended (logout, logout everywhere, a replayed refresh token); the connection closes next.</summary>
    Task SessionRevoked();
}

/// <param name="ExpiresInMs">How long to show the indicator without a renewal.</param>
public sealed record TypingDto(string ConversationId, string UserId, int ExpiresInMs);

/// <summary>The answer to <c>Sync(conversationId, afterSeq)</c>: messages after the seq, oldest first.</summary>
/// <param name="HasMore">More messages follow; call Sync again from the last seq received.</param>
public sealed record SyncResult(IReadOnlyList<MessageDto> Messages, bool HasMore);

/// <summary>
/// Typed hub errors. SignalR reports a failed invocation as "An unexpected error occurred invoking 'M' on the
/// server. HubException: " followed by one of these codes, a colon and the reason
/// (e.g. <c>… HubException: validation: text: A message needs text.</c>).
/// </summary>
public static class HubErrorCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
}
