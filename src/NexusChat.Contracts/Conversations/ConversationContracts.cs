namespace NexusChat.Contracts.Conversations;

// Request fields are nullable so a missing field is a validation error naming it, not a binding failure.

/// <param name="Type">"direct" or "channel".</param>
/// <param name="MemberIds">For a direct conversation, exactly the one other user; for a channel, the first members.</param>
public sealed record CreateConversationRequest(
    string? Type, string? Name, string? Topic, string? Visibility, IReadOnlyList<string>? MemberIds);

public sealed record UpdateConversationRequest(string? Name, string? Topic);

public sealed record AddMemberRequest(string? UserId);

public sealed record ChangeRoleRequest(string? Role);

public sealed record MarkReadRequest(long? Seq);

/// <param name="MyRole">The caller's role; null when the caller previews a public channel without being a member.</param>
/// <param name="Version">The change cursor: pass it as <c>changedSince</c> to get later edits, deletes and reactions.</param>
/// <param name="Muted">The caller muted it (their own setting, on all their devices): it raises no notifications.</param>
public sealed record ConversationDto(
    string Id,
    string Type,
    string? Name,
    string? Topic,
    string? Visibility,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    long LastSeq,
    long Version,
    string? MyRole,
    long LastReadSeq,
    long UnreadCount,
    long MentionCount,
    MessageDto? LastMessage,
    IReadOnlyList<MemberDto>? Members,
    bool Muted = false);

public sealed record MemberDto(string UserId, string Role, long LastReadSeq, DateTimeOffset JoinedAt);

/// <summary>
/// A change to a conversation's members, pushed once to the conversation (not the member list to every member): apply
/// it to a member list already loaded; fetch the list itself a page at a time (GET /api/conversations/{id}/members).
/// </summary>
/// <param name="Members">Who joined or had their role changed, as they are now.</param>
/// <param name="Removed">The user ids of who left or was removed.</param>
/// <param name="MemberCount">How many members the conversation has after the change.</param>
public sealed record MembersChangedDto(string ConversationId, IReadOnlyList<MemberDto> Members, IReadOnlyList<string> Removed, int MemberCount);

public sealed record ReadStateDto(string ConversationId, string UserId, long LastReadSeq);
