using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>A conversation's members: listed a page at a time, joined, left, removed, promoted. Mapped by <see cref="ConversationsApi"/>.</summary>
public static class MembersApi
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder conversations)
    {
        conversations.MapGet("/{id}/members", ListMembers).WithName(nameof(ListMembers))
            .WithSummary("The members, by user id, a page at a time (members, and anyone for a public channel).");
        conversations.MapPost("/{id}/members", AddMember).WithName(nameof(AddMember))
            .WithSummary("Join a public channel (your own id) or add someone (members of public, admins of private channels).");
        conversations.MapDelete("/{id}/members/{userId}", RemoveMember).WithName(nameof(RemoveMember))
            .WithSummary("Leave (your own id) or remove a member (owner and admins).");
        conversations.MapPatch("/{id}/members/{userId}", ChangeRole).WithName(nameof(ChangeRole))
            .WithSummary("Make a member an admin or a plain member (owner).");
        return conversations;
    }

    /// <param name="after">The <c>next</c> cursor of the previous page.</param>
    public static async Task<Results<Ok<Page<MemberDto>>, ValidationProblem, ProblemHttpResult>> ListMembers(
        string id, [AsParameters] ConversationServices services, string? after = null, int limit = 100)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxPageSize}.");
        }

        var (access, problem) = await AccessProblems.LoadAsync(services, id);
        if (access is null)
        {
            return problem!;
        }

        // One more than asked tells whether another page exists.
        var found = await services.Conversations.ListMembersPageAsync(id, after, limit + 1, services.Aborted);
        var items = found.Take(limit).Select(m => m.ToDto()).ToList();
        return TypedResults.Ok(new Page<MemberDto>(items, found.Count > limit ? items[^1].UserId : null));
    }

    public static async Task<Results<Created<MemberDto>, Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> AddMember(
        string id, AddMemberRequest request, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id);
        if (access is null)
        {
            return problem!;
        }

        if (string.IsNullOrEmpty(request.UserId) || await services.Users.FindByIdAsync(request.UserId, services.Aborted) is null)
        {
            return Problems.Invalid("userId", "There is no such user.");
        }

        if (access.Conversation.Type == ConversationTypes.Direct)
        {
            return Problems.Forbidden("A direct conversation always has the same two members.");
        }

        // Joining a public channel is open; adding others takes a member (public) or an admin (private).
        var joiningSelf = request.UserId == services.CallerId;
        var allowed = access.IsPublicChannel ? joiningSelf || access.IsMember : access.IsAdmin;
        if (!allowed)
        {
            return Problems.Forbidden(access.IsPublicChannel ? "Join the channel first." : "Only the channel's owner and admins may invite.");
        }

        var added = await services.Conversations.AddMemberAsync(id, request.UserId, MemberRoles.Member, services.Aborted);
        if (added)
        {
            await services.Membership.AfterCommitAsync(id, request.UserId, joined: true);
        }

        var member = (await services.Conversations.GetMemberAsync(id, request.UserId, services.Aborted))!;
        return added
            ? TypedResults.Created($"/api/conversations/{id}/members/{member.UserId}", member.ToDto())
            : TypedResults.Ok(member.ToDto());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string id, string userId, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id);
        if (access is null)
        {
            return problem!;
        }

        if (access.Conversation.Type == ConversationTypes.Direct)
        {
            return Problems.Forbidden("A direct conversation always has the same two members.");
        }

        var target = await services.Conversations.GetMemberAsync(id, userId, services.Aborted);
        if (target is null)
        {
            return Problems.NotFound("member");
        }

        var leaving = userId == services.CallerId;
        if (!leaving && access.RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        // An admin cannot remove the owner, and the owner cannot walk away from the channel they own.
        if (target.Role == MemberRoles.Owner)
        {
            return Problems.Forbidden(leaving ? "The owner cannot leave the channel." : "The owner cannot be removed.");
        }

        // The member's connections leave the conversation's group before the answer, so nothing sent after it reaches them.
        if (await services.Conversations.RemoveMemberAsync(id, userId, services.Aborted))
        {
            await services.Membership.AfterCommitAsync(id, userId, joined: false);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<MemberDto>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        string id, string userId, ChangeRoleRequest request, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id, AccessProblems.RequireOwner);
        if (access is null)
        {
            return problem!;
        }

        if (request.Role is not (MemberRoles.Admin or MemberRoles.Member))
        {
            return Problems.Invalid("role", "role is \"admin\" or \"member\".");
        }

        if (userId == services.CallerId)
        {
            return Problems.Forbidden("The owner keeps the owner role.");
        }

        var member = await services.Conversations.SetRoleAsync(id, userId, request.Role, services.Aborted);
        return member is null ? Problems.NotFound("member") : TypedResults.Ok(member.ToDto());
    }
}
