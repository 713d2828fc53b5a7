using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>The public channel directory: what "Browse channels" lists, joined or not. Mapped by <see cref="ConversationsApi"/>.</summary>
public static class PublicChannelsApi
{
    public const int MaxPageSize = 50;

    /// <param name="search">A prefix of the channel name, matched ignoring case; every public channel when absent.</param>
    /// <param name="after">The <c>next</c> cursor of the previous page.</param>
    public static async Task<Results<Ok<Page<ConversationDto>>, ValidationProblem>> ListPublicChannels(
        [AsParameters] ConversationServices services, string? search = null, string? after = null, int limit = 20)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxPageSize}.");
        }

        var prefix = (search ?? string.Empty).Trim();
        if (prefix.Length > MessageRules.MaxChannelNameLength || prefix.Any(char.IsControl))
        {
            return Problems.Invalid("search", $"search is at most {MessageRules.MaxChannelNameLength} characters of text.");
        }

        // One more than asked tells whether another page exists.
        var found = await services.Conversations.ListPublicChannelsAsync(prefix, after, limit + 1, services.Aborted);
        var items = new List<ConversationDto>(Math.Min(found.Count, limit));
        foreach (var channel in found.Take(limit))
        {
            // myRole tells the dialog whether to offer Open or Join; at most one primary-key read per item.
            var me = await services.Conversations.GetMemberAsync(channel.Id, services.CallerId, services.Aborted);
            items.Add(channel.ToDto(services.CallerId, me));
        }

        return TypedResults.Ok(new Page<ConversationDto>(items, found.Count > limit ? found[limit - 1].Id : null));
    }
}
