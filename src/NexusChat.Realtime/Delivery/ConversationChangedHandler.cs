using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Groups;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// A conversation was created, renamed or its members changed: every member gets <c>ConversationUpdated</c> with the
/// conversation as they see it (their role, the member list); a removed member gets it with no role, meaning "you
/// are no longer in it".
/// </summary>
public sealed class ConversationChangedHandler(
    IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub, MembershipChanges membership) :
    IIntegrationEventHandler<ConversationCreated>,
    IIntegrationEventHandler<ConversationUpdated>,
    IIntegrationEventHandler<MemberAdded>,
    IIntegrationEventHandler<MemberRemoved>,
    IIntegrationEventHandler<MemberRoleChanged>
{
    public async Task HandleAsync(ConversationCreated @event, CancellationToken cancellationToken)
    {
        // Group membership first: a message sent right after the conversation appears must already reach its members.
        foreach (var member in @event.Members)
        {
            await membership.PublishAsync(@event.Conversation.Id, member.UserId, joined: true);
        }

        await PushAsync(@event.Conversation.Id, null, cancellationToken);
    }

    public Task HandleAsync(ConversationUpdated @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Conversation.Id, null, cancellationToken);

    public async Task HandleAsync(MemberAdded @event, CancellationToken cancellationToken)
    {
        await membership.PublishAsync(@event.Member.ConversationId, @event.Member.UserId, joined: true);
        await PushAsync(@event.Member.ConversationId, null, cancellationToken);
    }

    public async Task HandleAsync(MemberRemoved @event, CancellationToken cancellationToken)
    {
        await membership.PublishAsync(@event.ConversationId, @event.UserId, joined: false);
        await PushAsync(@event.ConversationId, @event.UserId, cancellationToken);
    }

    public Task HandleAsync(MemberRoleChanged @event, CancellationToken cancellationToken) =>
        PushAsync(@event.Member.ConversationId, null, cancellationToken);

    // The current state is read from the store rather than the event, so a late or repeated event never shows
    // clients an older version of the conversation.
    private async Task PushAsync(string conversationId, string? removedUserId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return;
        }

        var members = await conversations.ListMembersAsync(conversationId, cancellationToken);
        var sends = members.Select(member => hub.Clients.User(member.UserId).ConversationUpdated(conversation.ToDto(member.UserId, member, members)));
        if (removedUserId is not null && members.All(m => m.UserId != removedUserId))
        {
            sends = sends.Append(hub.Clients.User(removedUserId).ConversationUpdated(conversation.ToDto(removedUserId, null)));
        }

        await Task.WhenAll(sends);
    }
}
