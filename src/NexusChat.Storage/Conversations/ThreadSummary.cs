namespace NexusChat.Storage.Conversations;

/// <summary>
/// What a thread's root carries about its replies, changed in the same write as each reply (both providers apply
/// these pure functions, so the rule is one). <see cref="ReplyCount"/> counts the replies that are not deleted: a
/// deleted reply takes one off. <see cref="LastReplyAt"/> and the participants only grow: they say when the thread
/// was last active and who ever replied, and a delete does not rewind them.
/// </summary>
/// <param name="ParticipantIds">The first <see cref="MaxParticipantIds"/> users who replied, in the order they first did.</param>
/// <param name="ParticipantCount">How many different users replied (the ids beyond the first few are not kept).</param>
public sealed record ThreadSummary(int ReplyCount, DateTimeOffset LastReplyAt, IReadOnlyList<string> ParticipantIds, int ParticipantCount)
{
    public const int MaxParticipantIds = 5;

    /// <summary>The summary after a reply by <paramref name="senderId"/>; <paramref name="firstReplyBySender"/>: no earlier reply of theirs exists.</summary>
    public static ThreadSummary AfterReply(ThreadSummary? current, string senderId, DateTimeOffset at, bool firstReplyBySender)
    {
        var summary = current ?? new ThreadSummary(0, at, [], 0);
        return summary with
        {
            ReplyCount = summary.ReplyCount + 1,
            LastReplyAt = at > summary.LastReplyAt ? at : summary.LastReplyAt,
            ParticipantIds = firstReplyBySender && summary.ParticipantIds.Count < MaxParticipantIds
                ? [.. summary.ParticipantIds, senderId]
                : summary.ParticipantIds,
            ParticipantCount = summary.ParticipantCount + (firstReplyBySender ? 1 : 0),
        };
    }

    /// <summary>The summary after one of its replies was deleted.</summary>
    public ThreadSummary AfterReplyDeleted() => this with { ReplyCount = Math.Max(0, ReplyCount - 1) };
}
