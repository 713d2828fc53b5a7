using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

public static class ConversationsApi
{
    public const int MaxListSize = 100;
    public const int MaxInitialMembers = 500;

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations").WithTags("Conversations").RequireAuthorization();
        conversations.MapPost("/", CreateConversation).WithName(nameof(CreateConversation))
            .WithSummary("Create a channel, or get-or-create the direct conversation with one user.");
        conversations.MapGet("/", ListConversations).WithName(nameof(ListConversations))
            .WithSummary("My conversations, most recently active first, with unread and mention counts.");
        conversations.MapGet("/public", PublicChannelsApi.ListPublicChannels).WithName(nameof(PublicChannelsApi.ListPublicChannels))
            .WithSummary("Public channels whose name starts with search (ignoring case), by name; myRole is set where you are a member.");
        conversations.MapGet("/{id}", GetConversation).WithName(nameof(GetConversation));
        conversations.MapPatch("/{id}", UpdateConversation).WithName(nameof(UpdateConversation))
            .WithSummary("Rename a channel or change its topic (owner and admins).");
        conversations.MapMembersApi();
        conversations.MapMuteApi();
        return app;
    }

    public static async Task<Results<Created<ConversationDto>, Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> CreateConversation(
        CreateConversationRequest request, [AsParameters] ConversationServices services)
    {
        var memberIds = (request.MemberIds ?? []).Where(id => id is not null).Distinct().ToList();
        if (memberIds.Count > MaxInitialMembers)
        {
            return Problems.Invalid("memberIds", $"At most {MaxInitialMembers} members at creation.");
        }

        foreach (var id in memberIds)
        {
            if (await services.Users.FindByIdAsync(id, services.Aborted) is null)
            {
                return Problems.Invalid("memberIds", $"There is no user {id}.");
            }
        }

        return request.Type switch
        {
            ConversationTypes.Direct => await CreateDirectAsync(memberIds, services),
            ConversationTypes.Channel => await CreateChannelAsync(request, memberIds, services),
            _ => Problems.Invalid("type", "type is \"direct\" or \"channel\"."),
        };
    }

    private static async Task<Results<Created<ConversationDto>, Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> CreateDirectAsync(
        List<string> memberIds, ConversationServices services)
    {
        if (memberIds.Count != 1)
        {
            return Problems.Invalid("memberIds", "A direct conversation has exactly one other member.");
        }

        var direct = await services.Conversations.GetOrCreateDirectAsync(services.CallerId, memberIds[0], services.Aborted);
        var dto = await DetailsAsync(direct.Value, services);
        return direct.Created ? TypedResults.Created($"/api/conversations/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Created<ConversationDto>, Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> CreateChannelAsync(
        CreateConversationRequest request, List<string> memberIds, ConversationServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (MessageRules.CheckChannelName(request.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (MessageRules.CheckTopic(request.Topic) is { } topicError)
        {
            errors["topic"] = [topicError];
        }

        if (request.Visibility is not (ChannelVisibility.Public or ChannelVisibility.Private))
        {
            errors["visibility"] = ["visibility is \"public\" or \"private\"."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var channel = await services.Conversations.CreateChannelAsync(
            new NewChannel(services.CallerId, request.Name!.Trim(), request.Topic?.Trim(), request.Visibility!, memberIds),
            services.Aborted);
        return TypedResults.Created($"/api/conversations/{channel.Id}", await DetailsAsync(channel, services));
    }

    public static async Task<Results<Ok<Page<ConversationDto>>, ValidationProblem>> ListConversations(
        [AsParameters] ConversationServices services, int limit = 50)
    {
        if (limit is < 1 or > MaxListSize)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxListSize}.");
        }

        var summaries = await services.Conversations.ListForUserAsync(services.CallerId, limit, services.Aborted);
        return TypedResults.Ok(new Page<ConversationDto>(summaries.Select(s => s.ToDto(services.CallerId)).ToList(), null));
    }

    public static async Task<Results<Ok<ConversationDto>, ProblemHttpResult>> GetConversation(
        string id, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id);
        if (access is null)
        {
            return problem!;
        }

        return TypedResults.Ok(await DetailsAsync(access.Conversation, services));
    }

    public static async Task<Results<Ok<ConversationDto>, ValidationProblem, ProblemHttpResult>> UpdateConversation(
        string id, UpdateConversationRequest request, [AsParameters] ConversationServices services)
    {
        var (access, problem) = await AccessProblems.LoadAsync(services, id, AccessProblems.RequireAdmin);
        if (access is null)
        {
            return problem!;
        }

        if (access.Conversation.Type != ConversationTypes.Channel)
        {
            return Problems.Invalid("type", "Direct conversations have no name or topic.");
        }

        if (request.Name is not null && MessageRules.CheckChannelName(request.Name) is { } nameError)
        {
            return Problems.Invalid("name", nameError);
        }

        if (MessageRules.CheckTopic(request.Topic) is { } topicError)
        {
            return Problems.Invalid("topic", topicError);
        }

        var updated = await services.Conversations.UpdateConversationAsync(id, request.Name?.Trim(), request.Topic?.Trim(), services.Aborted);
        return updated is null ? Problems.NotFound("conversation") : TypedResults.Ok(await DetailsAsync(updated, services));
    }

    private static async Task<ConversationDto> DetailsAsync(ConversationRecord conversation, ConversationServices services)
    {
        var members = await services.Conversations.ListMembersAsync(conversation.Id, services.Aborted);
        var me = members.FirstOrDefault(m => m.UserId == services.CallerId);
        return conversation.ToDto(services.CallerId, me, members);
    }
}
