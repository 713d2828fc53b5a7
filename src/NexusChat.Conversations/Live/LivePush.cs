using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Live;

/// <summary>
/// Pushes a committed change to the members' hub connections through the Redis backplane: a new message is one
/// publish to the conversation's group; a changed message goes to each member as they see it (their own reactions);
/// a read position to the reader's devices. The replica that accepted the change calls it right after the commit
/// (<see cref="AfterCommitAsync"/>), the realtime service's event handlers call it as the backstop. Each successful
/// push leaves a <see cref="LiveMarkers"/> marker so the other route skips it.
/// </summary>
public sealed partial class LivePush(
    IHubContext<LiveHub, IChatClient> hub, IConversationStore conversations, LiveMarkers markers, LiveMetrics metrics,
    ILogger<LivePush> logger)
{
    /// <param name="threadRoot">For a thread reply, its root with the new summary: pushed as changed, so open timelines update the count.</param>
    public async Task MessageCreatedAsync(MessageRecord message, MessageRecord? threadRoot = null)
    {
        // A new message has no reactions yet, so every member sees the same message.
        await hub.Clients.Group(ConversationGroups.Of(message.ConversationId)).MessageCreated(message.ToDto(message.SenderId));
        if (threadRoot is not null)
        {
            await PushChangedAsync(threadRoot, CancellationToken.None);
        }

        markers.Pushed(LiveMarkers.ForMessage(message.ConversationId, message.Version));
    }

    /// <param name="threadRoot">For a deleted thread reply, its root with one reply fewer.</param>
    public async Task MessageChangedAsync(MessageRecord message, CancellationToken cancellationToken, MessageRecord? threadRoot = null)
    {
        await PushChangedAsync(message, cancellationToken);
        if (threadRoot is not null)
        {
            await PushChangedAsync(threadRoot, cancellationToken);
        }

        markers.Pushed(LiveMarkers.ForMessage(message.ConversationId, message.Version));
    }

    private async Task PushChangedAsync(MessageRecord message, CancellationToken cancellationToken)
    {
        var members = await conversations.ListMembersAsync(message.ConversationId, cancellationToken);
        await Task.WhenAll(members.Select(member => hub.Clients.User(member.UserId).MessageUpdated(message.ToDto(member.UserId))));
    }

    public async Task ReadStateChangedAsync(string conversationId, string userId, long lastReadSeq)
    {
        await hub.Clients.User(userId).ReadStateChanged(new ReadStateDto(conversationId, userId, lastReadSeq));
        markers.Pushed(LiveMarkers.ForReadState(conversationId, userId, lastReadSeq));
    }

    /// <summary>
    /// The live path: runs a push right after a commit and never fails the caller's request, since the change is
    /// stored and its outbox event reaches the backstop whatever happens here.
    /// </summary>
    public async Task AfterCommitAsync(Func<LivePush, Task> push, string kind)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await push(this);
            metrics.Pushed(kind, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Failed(kind);
            LogPushFailed(exception, kind);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Live push of {Kind} failed; the event bus delivers it instead")]
    private partial void LogPushFailed(Exception exception, string kind);
}
