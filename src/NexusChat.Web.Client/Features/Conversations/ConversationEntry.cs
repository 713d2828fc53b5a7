using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Conversations;

/// <summary>A conversation as the sidebar shows it: the API's view plus the name to show and, for a DM, the other user.</summary>
public sealed record ConversationEntry(ConversationDto Conversation, string? OtherUserId)
{
    public string Id => Conversation.Id;

    public bool IsDirect => Conversation.Type == ConversationKinds.Direct;

    public long Unread => Conversation.UnreadCount;

    public long Mentions => Conversation.MentionCount;
}

public static class ConversationKinds
{
    public const string Direct = "direct";
    public const string Channel = "channel";
    public const string Public = "public";
    public const string Private = "private";
}

public static class MemberRoleNames
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";
}
