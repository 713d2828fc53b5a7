using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>A member the composer can complete an @mention to.</summary>
public sealed record MentionCandidate(string Username, string DisplayName)
{
    /// <summary>The other members whose names are known (a member still being looked up is offered once known).</summary>
    public static IReadOnlyList<MentionCandidate> Among(IEnumerable<MemberDto> members, string? myUserId, Func<string, UserDto?> find) =>
        members.Where(m => m.UserId != myUserId)
            .Select(m => find(m.UserId))
            .OfType<UserDto>()
            .Select(u => new MentionCandidate(u.Username, u.DisplayName))
            .ToList();
}
