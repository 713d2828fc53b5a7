using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations.Commands;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Hubs;

/// <summary>HubExceptions carrying a <see cref="HubError"/>, the hub's counterpart of ProblemDetails.</summary>
public static class HubErrors
{
    public static HubException Of(HubError error) => new(error.ToString());

    public static HubException Validation(string field, string message) => Of(HubError.Validation(field, message));

    public static HubException NotFound(string what) => Of(HubError.NotFound(what));

    public static HubException Busy(ConversationBusyException busy) =>
        Of(HubError.Busy((int)Math.Max(1, Math.Ceiling(busy.RetryAfter.TotalSeconds))));

    /// <summary>The hub's answer to a command that did not happen.</summary>
    public static HubException For(CommandOutcome outcome) => Of(outcome switch
    {
        CommandOutcome.Invalid invalid => HubError.Validation(invalid.Field, invalid.Message),
        CommandOutcome.NotFound notFound => HubError.NotFound(notFound.What),
        CommandOutcome.Forbidden forbidden => HubError.Forbidden(forbidden.Reason),
        CommandOutcome.MessageDeleted => HubError.Conflict("the message was deleted"),
        CommandOutcome.TooManyReactions tooMany => HubError.Conflict($"the message already has {tooMany.Limit} different reactions"),
        CommandOutcome.CallMessage => HubError.Conflict("a call's history message cannot be edited or deleted"),
        _ => throw new UnreachableException($"{outcome} is not a failure"),
    });
}
