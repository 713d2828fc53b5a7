using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    /// <summary>
    /// Rewrites a thread root's summary and version inside the caller's transaction. The transaction writes the root,
    /// so concurrent replies to one root write-conflict and the retried one counts on top of the other's result.
    /// </summary>
    private async Task<MessageRecord> ChangeThreadRootAsync(
        IClientSessionHandle session, string conversationId, string rootId, long version,
        Func<ThreadSummary?, Task<ThreadSummary?>> change, CancellationToken cancellationToken)
    {
        var root = (await _messages.Find(session, MessageFilter(conversationId, rootId)).FirstOrDefaultAsync(cancellationToken))?.ToRecord()
            ?? throw new InvalidOperationException($"Thread root {rootId} is not a message of {conversationId}; callers check it first.");
        var changed = root with { Thread = await change(root.Thread), Version = version };
        await _messages.UpdateOneAsync(
            session,
            MessageFilter(conversationId, rootId),
            Builders<MessageDocument>.Update
                .Set(m => m.Thread, changed.Thread is null ? null : ThreadSummaryDocument.From(changed.Thread))
                .Set(m => m.Version, version),
            cancellationToken: cancellationToken);
        return changed;
    }
}
