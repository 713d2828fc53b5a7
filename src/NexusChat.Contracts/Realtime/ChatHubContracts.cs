using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Contracts.Realtime;

/// <summary>What the server calls on a connected client (method names are the member names).</summary>
public interface IChatClient
{
    /// <summary>A message was stored in one of the user's conversations (sent through REST or the hub).</summary>
    Task MessageCreated(MessageDto message);

    /// <summary>
    /// A message was edited, deleted (a tombstone) or its reactions changed, or (a thread root) its thread summary
    /// changed because a reply came or was deleted; as this user sees it.
    /// </summary>
    Task MessageUpdated(MessageDto message);

    /// <summary>The user's read position moved, on this or another of their devices.</summary>
    Task ReadStateChanged(ReadStateDto state);

    /// <summary>
    /// A conversation of the user was created or renamed, or the user joined, left or changed role in it, as the user
    /// sees it; with no <see cref="ConversationDto.MyRole"/> it means the user is no longer a member. Carries the member
    /// list for a direct conversation only (a channel's members come a page at a time from REST, changes by
    /// <see cref="MembersChanged"/>).
    /// </summary>
    Task ConversationUpdated(ConversationDto conversation);

    /// <summary>
    /// Someone joined, left or changed role in one of the user's conversations: the change only, to every member at once
    /// (the user who joined or left also gets <see cref="ConversationUpdated"/>).
    /// </summary>
    Task MembersChanged(MembersChangedDto change);

    /// <summary>Someone is typing in one of the user's conversations; show it until <see cref="TypingDto.ExpiresInMs"/> passes unless renewed.</summary>
    Task TypingStarted(TypingDto typing);

    /// <summary>
    /// A user who shares a conversation with this user went online, away or offline (any of their devices on any
    /// replica counts; a replica that dies takes its users offline within the presence TTL).
    /// </summary>
    Task PresenceChanged(PresenceDto presence);

    /// <summary>This session was ended (logout, logout everywhere, a replayed refresh token); the connection closes next.</summary>
    Task SessionRevoked();

    /// <summary>The user is invited to a call: ring on every device until the call shows them joined or it ends.</summary>
    Task CallRinging(CallDto call);

    /// <summary>A call in one of the user's conversations started or changed (joined, left, moved, muted).</summary>
    Task CallUpdated(CallDto call);

    /// <summary>A call in one of the user's conversations ended.</summary>
    Task CallEnded(CallEndedDto ended);

    /// <summary>Signaling for this connection from another participant of a call it is in.</summary>
    Task CallSignal(CallSignalDto signal);
}

/// <summary>What a client calls on the server (method names are the member names; arguments by position).</summary>
public interface IChatHub
{
    /// <summary>Stores a message with the REST rules; a retry with the same <paramref name="clientMessageId"/> returns the stored message.</summary>
    Task<MessageDto> SendMessage(string conversationId, string clientMessageId, string text, string? replyToId);

    /// <summary>
    /// <see cref="SendMessage"/> with up to 10 of the caller's completed uploads (their file ids) attached. A method of
    /// its own so that clients built against the four-argument <see cref="SendMessage"/> keep working.
    /// </summary>
    Task<MessageDto> SendMessageWithAttachments(
        string conversationId, string clientMessageId, string text, string? replyToId, IReadOnlyList<string> attachmentIds);

    /// <summary>
    /// A reply in the thread of <paramref name="threadId"/> (a top-level, not deleted message of the conversation), shown
    /// in the main timeline too when <paramref name="alsoToChannel"/>; otherwise as <see cref="SendMessageWithAttachments"/>.
    /// A bad root fails with a validation error on the field <c>threadId</c>.
    /// </summary>
    Task<MessageDto> SendThreadReply(
        string conversationId, string clientMessageId, string text, string threadId, bool alsoToChannel, IReadOnlyList<string>? attachmentIds);

    /// <summary>New messages after <paramref name="afterSeq"/>, oldest first, a page at a time.</summary>
    Task<SyncResult> Sync(string conversationId, long afterSeq);

    /// <summary>Messages created, edited, deleted or reacted to after conversation version <paramref name="sinceVersion"/>, by version.</summary>
    Task<SyncResult> SyncChanges(string conversationId, long sinceVersion);

    /// <summary>The author changes a message's text; returns the message as edited.</summary>
    Task<MessageDto> EditMessage(string conversationId, string messageId, string text);

    /// <summary>The author, or a channel's owner or admin, deletes a message; returns the tombstone.</summary>
    Task<MessageDto> DeleteMessage(string conversationId, string messageId);

    /// <summary>Adds the caller's reaction (adding it again changes nothing); returns the message as the caller sees it.</summary>
    Task<MessageDto> AddReaction(string conversationId, string messageId, string emoji);

    /// <summary>Removes the caller's reaction (removing an absent one changes nothing).</summary>
    Task<MessageDto> RemoveReaction(string conversationId, string messageId, string emoji);

    /// <summary>Moves the caller's read position forward (never back); returns the effective position.</summary>
    Task<ReadStateDto> MarkRead(string conversationId, long seq);

    /// <summary>Tells the other members the caller is typing; call it on keystrokes, the server throttles.</summary>
    Task Typing(string conversationId);

    /// <summary>Sets this connection's presence: <see cref="PresenceStatus.Online"/> or <see cref="PresenceStatus.Away"/>.</summary>
    Task<PresenceDto> SetPresence(string status);

    /// <summary>The presence of the given users who share a conversation with the caller (others are left out).</summary>
    Task<IReadOnlyList<PresenceDto>> GetPresence(IReadOnlyList<string> userIds);

    /// <summary>
    /// Starts a call in the conversation from this connection and rings the other member of a direct conversation or
    /// the named <paramref name="invitees"/> of a channel; when the conversation already has a call, joins it.
    /// </summary>
    Task<CallDto> StartCall(string conversationId, string kind, IReadOnlyList<string>? invitees);

    /// <summary>Answers or joins a call from this connection (again after a reconnect, to move there).</summary>
    Task<CallDto> JoinCall(string callId);

    /// <summary>Declines a ringing call on every device of the caller.</summary>
    Task DeclineCall(string callId);

    /// <summary>Hangs up (or cancels a call nobody answered yet).</summary>
    Task LeaveCall(string callId);

    /// <summary>Announces the caller's microphone and camera state to the call.</summary>
    Task<CallDto> SetCallMedia(string callId, bool muted, bool cameraOn);

    /// <summary>Relays an SDP offer or answer, or an ICE candidate, to one participant's connection.</summary>
    Task SendCallSignal(string callId, string toConnectionId, string type, string payload);

    /// <summary>The conversation's running call, or null.</summary>
    Task<CallDto?> GetCall(string conversationId);

    /// <summary>
    /// Once the caller's media is flowing: whether it went through the relay or directly (one of
    /// <see cref="CallMediaPaths"/>) and how long it took from the click (start or answer) to media, in ms (0 to
    /// <see cref="CallMediaLimits.MaxSetupMilliseconds"/>). From the participant's own connection; the first report of
    /// each participant of a call counts, repeats are accepted and ignored.
    /// </summary>
    Task ReportCallMedia(string callId, string path, int setupMilliseconds);
}

/// <param name="Status">One of <see cref="PresenceStatus"/>.</param>
/// <param name="LastSeenAt">When the user was last connected; null while connected or when never seen.</param>
public sealed record PresenceDto(string UserId, string Status, DateTimeOffset? LastSeenAt);

public static class ChatHubLimits
{
    /// <summary>The most users one <c>GetPresence</c> call may ask about.</summary>
    public const int MaxPresenceQuery = 500;
}

public static class PresenceStatus
{
    /// <summary>At least one connection of the user says online.</summary>
    public const string Online = "online";

    /// <summary>Connected, but every connection says away (idle or hidden tab).</summary>
    public const string Away = "away";

    /// <summary>No live connection on any replica.</summary>
    public const string Offline = "offline";
}

/// <param name="ExpiresInMs">How long to show the indicator without a renewal.</param>
public sealed record TypingDto(string ConversationId, string UserId, int ExpiresInMs);

/// <summary>The answer to <c>Sync</c> (messages after a seq, by seq) and <c>SyncChanges</c> (messages changed after a version, by version).</summary>
/// <param name="HasMore">More follow: call again from the last seq (Sync) or the last version (SyncChanges) received.</param>
public sealed record SyncResult(IReadOnlyList<MessageDto> Messages, bool HasMore);

/// <summary>The codes of <see cref="HubError"/>, the hub's counterpart of ProblemDetails types.</summary>
public static class HubErrorCodes
{
    public const string Validation = "validation";
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";

    /// <summary>The target cannot take the change (a deleted message takes no edits or reactions).</summary>
    public const string Conflict = "conflict";

    /// <summary>The conversation had too many concurrent changes to take this one in time; nothing changed, call again.</summary>
    public const string Busy = "busy";
}
