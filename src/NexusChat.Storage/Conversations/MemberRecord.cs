namespace NexusChat.Storage.Conversations;

/// <summary>A user's membership of a conversation, with their read state.</summary>
/// <param name="Role"><see cref="MemberRoles.Owner"/>, <see cref="MemberRoles.Admin"/> or <see cref="MemberRoles.Member"/>.</param>
/// <param name="LastReadSeq">The seq up to which the member has read; only ever moves forward.</param>
public sealed record MemberRecord(
    string ConversationId,
    string UserId,
    string Role,
    long LastReadSeq,
    DateTimeOffset JoinedAt);
