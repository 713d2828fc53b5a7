using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations.Commands;

public sealed partial class ConversationCommands
{
    public const int MaxThreadPage = 100;

    /// <summary>
    /// A page of a thread for a member: the root and its replies oldest first. With <paramref name="afterSeq"/> the
    /// replies above it; otherwise the latest below <paramref name="beforeSeq"/> (the latest of all when null).
    /// </summary>
    public async Task<CommandOutcome> ThreadAsync(
        string callerId, string conversationId, string rootId, long? beforeSeq, long? afterSeq, int limit, CancellationToken cancellationToken)
    {
        var (root, denied) = await LoadMessageAsync(callerId, conversationId, rootId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (root!.ThreadId is not null)
        {
            return new CommandOutcome.NotFound("thread");
        }

        if (limit is < 1 or > MaxThreadPage)
        {
            return new CommandOutcome.Invalid("limit", $"limit is 1 to {MaxThreadPage}.");
        }

        if (beforeSeq is not null && afterSeq is not null)
        {
            return new CommandOutcome.Invalid("cursor", "Give at most one of before and after.");
        }

        if (beforeSeq < 0 || afterSeq < 0)
        {
            return new CommandOutcome.Invalid("cursor", "Cursors are not negative.");
        }

        var replies = await conversations.GetThreadRepliesAsync(conversationId, rootId, beforeSeq, afterSeq, limit, cancellationToken);
        var oldestFirst = afterSeq is null ? replies.AsEnumerable().Reverse().ToList() : replies;
        var next = replies.Count == limit ? replies[^1].Seq : (long?)null;
        return new CommandOutcome.Done<ThreadPage>(new ThreadPage(root, oldestFirst, next));
    }

    /// <summary>Null when the send may go to <paramref name="thread"/>; else why not (the same answer for every bad root).</summary>
    private async Task<CommandOutcome?> ThreadRootProblemAsync(string conversationId, ThreadTarget? thread, CancellationToken cancellationToken)
    {
        if (thread is null)
        {
            return null;
        }

        // A hub caller can pass null where a root id belongs.
        var root = string.IsNullOrEmpty(thread.RootId) ? null : await conversations.GetMessageAsync(conversationId, thread.RootId, cancellationToken);
        return root switch
        {
            null => new CommandOutcome.Invalid("threadId", "threadId must be a message of this conversation."),
            { ThreadId: not null } => new CommandOutcome.Invalid("threadId", "threadId must be a top-level message, not a thread reply."),
            { Deleted: true } => new CommandOutcome.Invalid("threadId", "The thread's first message was deleted."),
            _ => null,
        };
    }

    /// <summary>For a thread reply just written: its root as now stored, for the live push of its new summary.</summary>
    private async Task<MessageRecord?> ThreadRootAfterAsync(MessageRecord reply) =>
        reply.ThreadId is { } rootId ? await conversations.GetMessageAsync(reply.ConversationId, rootId, CancellationToken.None) : null;
}

/// <param name="Next">The seq to continue from in the same direction; null at the end.</param>
public sealed record ThreadPage(MessageRecord Root, IReadOnlyList<MessageRecord> Replies, long? Next);
