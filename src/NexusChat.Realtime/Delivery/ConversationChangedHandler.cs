using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations;
using NexusChat.Conversations.Live;
using NexusChat.EventBus.Abstractions;
using NexusChat.Realtime.Calls;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Conversations.Events;

namespace NexusChat.Realtime.Delivery;

/// <summary>
/// A conversation was created or renamed, or its members changed. A membership change costs one push to the
/// conversation's group (<c>MembersChanged</c>: who, and the new count) plus one <c>ConversationUpdated</c> to the user
/// it concerns — never the member list to every member, which made each join of an N-member channel N pushes of N
/// members, and a join/leave loop by anyone an amplifier. A removed member gets <c>ConversationUpdated</c> with no role,
/// meaning "you are no longer in it".
/// </summary>
public sealed class ConversationChangedHandler(
    IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub, MembershipSignal membership, CallMembership calls) :
    IIntegrationEventHandler<ConversationCreated>,
    IIntegrationEventHandler<ConversationUpdated>,
    IIntegrationEventHandler<MemberAdded>,
    IIntegrationEventHandler<MemberRemoved>,
    IIntegrationEventHandler<MemberRoleChanged>,
    IIntegrationEventHandler<MemberMuteChanged>
{
    public async Task HandleAsync(ConversationCreated @event, CancellationToken cancellationToken)
    {
        // Group membership first: a message sent right after the conversation appears must already reach its members.
        foreach (var member in @event.Members)
        {
            await membership.PublishAsync(@event.Conversation.Id, member.UserId, joined: true);
        }

        await PushToEachMemberAsync(@event.Conversation.Id, cancellationToken);
    }

    public Task HandleAsync(ConversationUpdated @event, CancellationToken cancellationToken) =>
        PushToEachMemberAsync(@event.Conversation.Id, cancellationToken);

    public async Task HandleAsync(MemberAdded @event, CancellationToken cancellationToken)
    {
        // Signalled by the api right after the commit already; again here in case that replica died first.
        await membership.PublishAsync(@event.Member.ConversationId, @event.Member.UserId, joined: true);
        await PushMemberChangeAsync(@event.Member.ConversationId, @event.Member.UserId, removed: false, cancellationToken);
    }

    public async Task HandleAsync(MemberRemoved @event, CancellationToken cancellationToken)
    {
        await membership.PublishAsync(@event.ConversationId, @event.UserId, joined: false);
        await calls.RemovedAsync(@event.ConversationId, @event.UserId);
        await PushMemberChangeAsync(@event.ConversationId, @event.UserId, removed: true, cancellationToken);
    }

    public Task HandleAsync(MemberRoleChanged @event, CancellationToken cancellationToken) =>
        PushMemberChangeAsync(@event.Member.ConversationId, @event.Member.UserId, removed: false, cancellationToken);

    /// <summary>A member's own setting: only their devices learn it, as the conversation they see (<c>muted</c>).</summary>
    public async Task HandleAsync(MemberMuteChanged @event, CancellationToken cancellationToken)
    {
        var conversationId = @event.Member.ConversationId;
        var conversation = await conversations.GetConversationAsync(conversationId, cancellationToken);
        var member = await conversations.GetMemberAsync(conversationId, @event.Member.UserId, cancellationToken);
        if (conversation is not null && member is not null)
        {
            await hub.Clients.User(member.UserId).ConversationUpdated(conversation.ToDto(member.UserId, member));
        }
    }

    // The current state is read from the store rather than the event, so a late or repeated event never shows
    // clients an older version of the conversation or the member.
    private async Task PushMemberChangeAsync(string conversationId, string userId, bool removed, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return;
        }

        var member = await conversations.GetMemberAsync(conversationId, userId, cancellationToken);
        if (removed && member is not null)
        {
            return; // re-added since: the later MemberAdded event tells
        }

        var count = await conversations.CountMembersAsync(conversationId, cancellationToken);
        var change = member is null
            ? new MembersChangedDto(conversationId, [], [userId], count)
            : new MembersChangedDto(conversationId, [member.ToDto()], [], count);
        await Task.WhenAll(
            hub.Clients.Group(ConversationGroups.Of(conversationId)).MembersChanged(change),
            hub.Clients.User(userId).ConversationUpdated(conversation.ToDto(userId, member)));
    }

    private async Task PushToEachMemberAsync(string conversationId, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetConversationAsync(conversationId, cancellationToken);
        if (conversation is null)
        {
            return;
        }

        var members = await conversations.ListMembersAsync(conversationId, cancellationToken);
        // A direct conversation's two members name it; a channel's list is fetched a page at a time when shown.
        var shown = conversation.Type == ConversationTypes.Direct ? members : null;
        await Task.WhenAll(members.Select(member =>
            hub.Clients.User(member.UserId).ConversationUpdated(conversation.ToDto(member.UserId, member, shown))));
    }
}
