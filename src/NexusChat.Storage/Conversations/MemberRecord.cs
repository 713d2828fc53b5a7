namespace NexusChat.Storage.Conversations;

/// <summary>A user's membership of a conversation, with their read state.</summary>
/// <param name="Role"><see cref="MemberRoles.Owner"/>, <see cref="MemberRoles.Admin"/> or <see cref="MemberRoles.Member"/>.</param>
/// <param name="LastReadSeq">The seq up to which the member has read; only ever moves forward.</param>
/// <param name="Muted">The member's own setting: the conversation raises no notifications on their devices.</param>
public sealed record MemberRecord(
    string ConversationId,
    string UserId,
    string Role,
    long LastReadSeq,
    DateTimeOffset JoinedAt,
    bool Muted = false);
