using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

public static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int MaxResults = 100;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/search").WithTags("Search").RequireAuthorization()
            .MapGet("/messages", SearchMessages).WithName(nameof(SearchMessages))
            .WithSummary("Messages containing every word of q, in the caller's conversations only, newest first.");
        return app;
    }

    public static async Task<Results<Ok<Page<MessageDto>>, ValidationProblem>> SearchMessages(
        [AsParameters] ConversationServices services, string? q = null, int limit = 20)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength || q.Any(char.IsControl))
        {
            return Problems.Invalid("q", $"q is 1 to {MaxQueryLength} characters of text.");
        }

        if (limit is < 1 or > MaxResults)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxResults}.");
        }

        var found = await services.Conversations.SearchAsync(services.CallerId, q.Trim(), limit, services.Aborted);
        return TypedResults.Ok(new Page<MessageDto>(found.Select(m => m.ToDto(services.CallerId)).ToList(), null));
    }
}
