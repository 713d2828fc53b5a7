using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Commands;

public sealed partial class ConversationCommands
{
    /// <summary>
    /// Mutes or unmutes the conversation for the caller (members only; setting it again changes nothing). The value is
    /// the caller's membership as it is now. The caller's other devices learn it from the store's event.
    /// </summary>
    public async Task<CommandOutcome> SetMutedAsync(string callerId, string conversationId, bool muted, CancellationToken cancellationToken)
    {
        if (await MemberAccessAsync(conversationId, callerId, cancellationToken) is { } denied)
        {
            return denied;
        }

        return await conversations.SetMutedAsync(conversationId, callerId, muted, cancellationToken) is { } member
            ? new CommandOutcome.Done<MemberRecord>(member)
            : new CommandOutcome.NotFound("member");
    }
}
