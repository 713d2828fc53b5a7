namespace NexusChat.Storage.Conversations;

/// <summary>A channel to create; <paramref name="CreatedBy"/> becomes its owner, <paramref name="MemberIds"/> its members.</summary>
public sealed record NewChannel(
    string CreatedBy,
    string Name,
    string? Topic,
    string Visibility,
    IReadOnlyCollection<string> MemberIds);
