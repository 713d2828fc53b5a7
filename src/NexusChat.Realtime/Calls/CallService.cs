using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations;
using NexusChat.Conversations.Live;
using NexusChat.Realtime.Hubs;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Calls;

/// <summary>
/// Calls over the hub: who may start, join and signal, and who hears about it. Only members of a conversation start,
/// join or see its call; signaling goes from a participant's own connection to another participant's current one,
/// on whatever replica holds it (the Redis backplane routes <c>Clients.Client</c>). Every member's connections learn of
/// changes (<c>CallUpdated</c>, <c>CallEnded</c>) so any of them can show or join the call; the invited are rung
/// (<c>CallRinging</c>) on every device.
/// </summary>
public sealed class CallService(
    CallStore store, IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub, LocalCallSeats local,
    CallMetrics metrics, CallHistory history, CallStartLimit startLimit, TimeProvider time)
{
    public async Task<CallDto> StartAsync(
        string userId, string connectionId, string conversationId, string kind, IReadOnlyList<string>? invitees, CancellationToken cancellationToken)
    {
        if (kind is not (CallKinds.Audio or CallKinds.Video))
        {
            throw HubErrors.Validation("kind", $"kind is '{CallKinds.Audio}' or '{CallKinds.Video}'.");
        }

        if (invitees is { Count: > CallLimits.MaxInvitees })
        {
            throw HubErrors.Validation("invitees", $"Invite at most {CallLimits.MaxInvitees} people.");
        }

        var access = await ConversationAccess.LoadAsync(conversations, conversationId, userId, cancellationToken);
        if (access is not { IsMember: true })
        {
            throw HubErrors.NotFound("conversation");
        }

        var invited = await InvitedAsync(access, userId, invitees ?? [], cancellationToken);
        if (await store.GetForConversationAsync(conversationId) is { } running)
        {
            return await JoinAsync(userId, connectionId, running.Id, cancellationToken);
        }

        await RefuseIfBusyAsync(userId, null, "you are already in another call");
        if (access.Conversation.Type == ConversationTypes.Direct && invited.Count == 0)
        {
            throw HubErrors.Validation("conversationId", "There is nobody else in this conversation to call.");
        }

        if (access.Conversation.Type == ConversationTypes.Direct && await store.GetForUserAsync(invited[0]) is not null)
        {
            metrics.FailedSetup("busy");
            throw HubErrors.Of(HubError.Conflict("busy: they are in another call"));
        }

        // Counted only here, where a new call would ring people: a refused start or a join of the running call rings nobody.
        await startLimit.CheckAsync(userId);
        var call = CallRules.Start(Guid.CreateVersion7().ToString("N"), conversationId, kind, userId, connectionId, invited, Now());
        switch (await store.StartAsync(call))
        {
            case CallStore.StartResult.Existing existing:
                return await JoinAsync(userId, connectionId, existing.CallId, cancellationToken);
            case CallStore.StartResult.Started:
                local.Take(connectionId, call, userId);
                metrics.Started(kind);
                var dto = call.ToDto();
                await hub.Clients.Users(invited).CallRinging(dto);
                await hub.Clients.Group(ConversationGroups.Of(conversationId)).CallUpdated(dto);
                history.Record(call);
                return dto;
            default:
                throw new InvalidOperationException("unknown start result");
        }
    }

    /// <summary>Answers or joins; called again from a new connection (a reconnect), it moves the caller's place there.</summary>
    public async Task<CallDto> JoinAsync(string userId, string connectionId, string callId, CancellationToken cancellationToken)
    {
        await LoadAsMemberAsync(userId, callId, cancellationToken);
        await RefuseIfBusyAsync(userId, callId, "you are already in another call");
        long? answeredBefore = null;
        var newcomer = false;
        var change = await store.ChangeAsync(callId, call =>
        {
            answeredBefore = call.AnsweredAt;
            newcomer = !call.Participants.ContainsKey(userId);
            return CallRules.Join(call, userId, connectionId, Now());
        });
        var joined = change switch { CallChange.Updated u => u.Call, CallChange.Unchanged u => u.Call, _ => null };
        if (joined is not null)
        {
            local.Take(connectionId, joined, userId);
            // Only the answer itself: a rejoin or a move keeps the call's answer time.
            if (answeredBefore is null && joined.AnsweredAt is { } answered)
            {
                metrics.Answered(TimeSpan.FromMilliseconds(answered - joined.StartedAt));
            }
        }

        if (change is CallChange.Refused { Error: { Code: HubErrorCodes.Conflict } })
        {
            metrics.FailedSetup("full");
        }

        var after = await PublishAsync(change, callId);
        if (newcomer && change is CallChange.Updated)
        {
            history.Record(after);
        }

        return after.ToDto();
    }

    public async Task DeclineAsync(string userId, string callId, CancellationToken cancellationToken)
    {
        await LoadAsMemberAsync(userId, callId, cancellationToken);
        await PublishAsync(await store.ChangeAsync(callId, call => CallRules.Decline(call, userId)), callId);
    }

    public async Task LeaveAsync(string userId, string connectionId, string callId, CancellationToken cancellationToken)
    {
        // A participant may always hang up, even one removed from the conversation meanwhile.
        if (await store.GetAsync(callId) is not { } current || !current.Participants.ContainsKey(userId))
        {
            await LoadAsMemberAsync(userId, callId, cancellationToken);
        }

        local.Release(connectionId);
        await PublishAsync(await store.ChangeAsync(callId, call => CallRules.Leave(call, userId)), callId);
    }

    public async Task<CallDto> SetMediaAsync(string userId, string callId, bool muted, bool cameraOn, CancellationToken cancellationToken)
    {
        await LoadAsMemberAsync(userId, callId, cancellationToken);
        return (await PublishAsync(await store.ChangeAsync(callId, call => CallRules.SetMedia(call, userId, muted, cameraOn)), callId)).ToDto();
    }

    /// <summary>Relays an offer, answer or candidate from the caller's connection to one participant's connection.</summary>
    public async Task SignalAsync(string userId, string connectionId, string callId, string toConnectionId, string type, string payload)
    {
        if (type is not (CallSignalTypes.Offer or CallSignalTypes.Answer or CallSignalTypes.Candidate))
        {
            throw HubErrors.Validation("type", $"type is '{CallSignalTypes.Offer}', '{CallSignalTypes.Answer}' or '{CallSignalTypes.Candidate}'.");
        }

        if (payload is null || payload.Length > CallLimits.MaxSignalPayloadChars)
        {
            throw HubErrors.Validation("payload", $"payload is 0 to {CallLimits.MaxSignalPayloadChars} characters.");
        }

        // Only a participant, from the connection the call knows, may signal: nobody else can inject an SDP or candidate.
        var call = await store.GetAsync(callId);
        if (call is null || !call.Participants.TryGetValue(userId, out var seat) || seat.ConnectionId != connectionId)
        {
            throw HubErrors.Of(HubError.Forbidden("you are not in this call from this connection"));
        }

        if (toConnectionId == connectionId || !call.Participants.Values.Any(p => p.ConnectionId == toConnectionId))
        {
            throw HubErrors.NotFound("participant connection");
        }

        await hub.Clients.Client(toConnectionId).CallSignal(new CallSignalDto(callId!, userId, connectionId, type, payload));
    }

    /// <summary>
    /// The connection closed. Its participant keeps their place for <see cref="CallOptions.ParticipantTimeout"/>: the
    /// media flows peer to peer without the hub, and a client reconnecting (to any replica) joins again to move there.
    /// </summary>
    public void Disconnected(string connectionId) => local.Release(connectionId);

    /// <summary>The conversation's running call, for a member; null when there is none.</summary>
    public async Task<CallDto?> GetAsync(string userId, string conversationId, CancellationToken cancellationToken) =>
        await ConversationAccess.LoadAsync(conversations, conversationId, userId, cancellationToken) is { IsMember: true }
            ? (await store.GetForConversationAsync(conversationId))?.ToDto()
            : throw HubErrors.NotFound("conversation");

    /// <summary>Tells the members what a change did (also for the sweep's changes) and returns the call as it is now.</summary>
    public async Task<CallState> PublishAsync(CallChange? change, string callId)
    {
        switch (change)
        {
            case null:
                throw HubErrors.NotFound("call");
            case CallChange.Refused refused:
                throw HubErrors.Of(refused.Error);
            case CallChange.Unchanged unchanged:
                // Nothing happened, so nobody is told: a repeated call costs the members nothing.
                return unchanged.Call;
            case CallChange.Updated updated:
                local.Follow(updated.Call);
                await hub.Clients.Group(ConversationGroups.Of(updated.Call.ConversationId)).CallUpdated(updated.Call.ToDto());
                return updated.Call;
            case CallChange.Ended ended:
                local.ReleaseCall(ended.Call.Id);
                metrics.Ended(ended.Reason, ended.Call.AnsweredAt is not null);
                await hub.Clients.Group(ConversationGroups.Of(ended.Call.ConversationId)).CallEnded(ended.Call.Ended(ended.Reason, Now()));
                history.Record(ended.Call, ended.Reason);
                return ended.Call;
            default:
                throw new InvalidOperationException($"unknown change for {callId}");
        }
    }

    // A call id says nothing to someone outside its conversation: not a member, "no such call".
    private async Task LoadAsMemberAsync(string userId, string callId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callId) || await store.GetAsync(callId) is not { } call
            || await ConversationAccess.LoadAsync(conversations, call.ConversationId, userId, cancellationToken) is not { IsMember: true })
        {
            throw HubErrors.NotFound("call");
        }
    }

    private async Task RefuseIfBusyAsync(string userId, string? exceptCallId, string reason)
    {
        if (await store.GetForUserAsync(userId) is { } other && other.Id != exceptCallId)
        {
            throw HubErrors.Of(HubError.Conflict(reason));
        }
    }

    // A direct conversation rings the other member; a channel rings the named members (others see the call and may join).
    private async Task<IReadOnlyList<string>> InvitedAsync(
        ConversationAccess access, string userId, IReadOnlyList<string> invitees, CancellationToken cancellationToken)
    {
        if (access.Conversation.Type == ConversationTypes.Direct)
        {
            var members = await conversations.ListMembersAsync(access.Conversation.Id, cancellationToken);
            return [.. members.Select(m => m.UserId).Where(id => id != userId).Take(1)];
        }

        var invited = invitees.Where(id => id != userId).Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in invited)
        {
            if (string.IsNullOrEmpty(id) || await conversations.GetMemberAsync(access.Conversation.Id, id, cancellationToken) is null)
            {
                throw HubErrors.Validation("invitees", "Invite members of this conversation only.");
            }
        }

        return invited;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
