using NexusChat.Contracts.Calls;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Commands;

public sealed partial class ConversationCommands
{
    /// <summary>
    /// The client message id of a call's history message. A client's own ids may not contain ':'
    /// (<see cref="MessageRules.IsClientMessageId"/>), so no send can take a call's place in the history.
    /// </summary>
    public static string CallMessageId(string callId) => $"call:{callId}";

    /// <summary>
    /// Writes what the history says about a call, as the caller's message (unread for the others, not for the caller):
    /// the first time a new message, then changes of that same message, moving only forward
    /// (<see cref="MessageCallChange"/>), each pushed to the members. Being idempotent by the call's id, a retry or a
    /// second replica never posts a call twice; a summary whose first write failed is created by the next one. No
    /// access check: the call service decided who is in the call.
    /// </summary>
    public async Task<CommandOutcome> RecordCallAsync(
        string callerId, string conversationId, MessageCallDto call, CancellationToken cancellationToken)
    {
        var stored = await conversations.SendMessageAsync(
            new NewMessage(conversationId, callerId, string.Empty, null, [], CallMessageId(call.CallId)) { Call = call }, cancellationToken);
        if (stored is null)
        {
            return CommandOutcome.ConversationNotFound;
        }

        if (stored.Created)
        {
            await live.AfterCommitAsync(push => push.MessageCreatedAsync(stored.Value), "message-created");
            return new CommandOutcome.Done<MessageRecord>(stored.Value);
        }

        return await ChangedAsync(stored.Value, await conversations.SetCallAsync(conversationId, stored.Value.Id, call, cancellationToken));
    }
}
