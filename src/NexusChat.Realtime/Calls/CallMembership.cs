using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Hubs;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Membership reaching calls: a member removed from a conversation (or who left it) is taken out of its running call
/// and its ringing list (<see cref="CallRules.RemoveMember"/>), so they can no longer receive signaling, be rung, or hold
/// a seat. Called once per removal from the realtime service's <c>MemberRemoved</c> handler (durable, retried); a
/// repeat changes nothing.
/// </summary>
public sealed class CallMembership(CallStore store, CallService calls, IHubContext<ChatHub, IChatClient> hub, TimeProvider time)
{
    public async Task RemovedAsync(string conversationId, string userId)
    {
        if (await store.GetForConversationAsync(conversationId) is not { } call)
        {
            return;
        }

        var change = await store.ChangeAsync(call.Id, current => CallRules.RemoveMember(current, userId));
        if (change is CallChange.Updated or CallChange.Ended)
        {
            // The others hear it through the conversation's group, which the removed member has left.
            await calls.PublishAsync(change, call.Id);
        }

        // Every member's devices were shown the call (CallUpdated): the removed member's stop showing, ringing or
        // holding it, whether or not they were in it (and again on a retried event, which is harmless).
        await hub.Clients.User(userId).CallEnded(call.Ended(CallEndReasons.Removed, time.GetUtcNow().ToUnixTimeMilliseconds()));
    }
}
