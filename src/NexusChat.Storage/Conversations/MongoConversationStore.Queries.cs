using MongoDB.Driver;

namespace NexusChat.Storage.Conversations;

public sealed partial class MongoConversationStore
{
    private static readonly FilterDefinitionBuilder<MessageDocument> Messages = Builders<MessageDocument>.Filter;

    public Task<IReadOnlyList<MessageRecord>> GetMessagesBeforeAsync(
        string conversationId, long? beforeSeq, int limit, CancellationToken cancellationToken) =>
        FindMessagesAsync(
            beforeSeq is { } seq ? InConversation(conversationId) & Messages.Lt(m => m.Seq, seq) : InConversation(conversationId),
            Builders<MessageDocument>.Sort.Descending(m => m.Seq), limit, cancellationToken);

    public Task<IReadOnlyList<MessageRecord>> GetMessagesAfterAsync(
        string conversationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        FindMessagesAsync(
            InConversation(conversationId) & Messages.Gt(m => m.Seq, afterSeq),
            Builders<MessageDocument>.Sort.Ascending(m => m.Seq), limit, cancellationToken);

    public Task<IReadOnlyList<MessageRecord>> GetChangesSinceAsync(
        string conversationId, long sinceVersion, int limit, CancellationToken cancellationToken) =>
        FindMessagesAsync(
            InConversation(conversationId) & Messages.Gt(m => m.Version, sinceVersion),
            Builders<MessageDocument>.Sort.Ascending(m => m.Version), limit, cancellationToken);

    public async Task<IReadOnlyList<ConversationSummary>> ListForUserAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var memberships = (await _members.Find(m => m.UserId == userId).ToListAsync(cancellationToken))
            .ToDictionary(m => m.ConversationId, m => m.ToRecord());
        var conversations = await _conversations.Find(Builders<ConversationDocument>.Filter.In(c => c.Id, memberships.Keys))
            .Sort(Builders<ConversationDocument>.Sort.Descending(c => c.LastActivityAt).Ascending(c => c.Id))
            .Limit(limit)
            .ToListAsync(cancellationToken);

        var summaries = new List<ConversationSummary>(conversations.Count);
        foreach (var conversation in conversations)
        {
            var member = memberships[conversation.Id];
            var unread = InConversation(conversation.Id)
                & Messages.Gt(m => m.Seq, member.LastReadSeq)
                & Messages.Ne(m => m.SenderId, userId)
                & Messages.Eq(m => m.Deleted, false);
            var last = await _messages.Find(InConversation(conversation.Id) & Messages.Eq(m => m.Deleted, false) & InChannel)
                .Sort(Builders<MessageDocument>.Sort.Descending(m => m.Seq))
                .FirstOrDefaultAsync(cancellationToken);
            summaries.Add(new ConversationSummary(
                conversation.ToRecord(),
                member,
                await _messages.CountDocumentsAsync(unread & InChannel, cancellationToken: cancellationToken),
                await _messages.CountDocumentsAsync(unread & Messages.AnyEq(m => m.Mentions, userId), cancellationToken: cancellationToken),
                last?.ToRecord()));
        }

        return summaries;
    }

    public async Task<IReadOnlyList<MessageRecord>> SearchAsync(string userId, string query, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var words = SearchTerms.Words(query);
        if (words.Count == 0)
        {
            return [];
        }

        var conversationIds = await _members.Find(m => m.UserId == userId).Project(m => m.ConversationId).ToListAsync(cancellationToken);
        return await FindMessagesAsync(
            MongoSearchFilter.For(words)
                & Messages.In(m => m.ConversationId, conversationIds)
                & Messages.Eq(m => m.Deleted, false),
            Builders<MessageDocument>.Sort.Descending(m => m.CreatedAt).Descending(m => m.Seq),
            limit,
            cancellationToken);
    }

    private async Task<IReadOnlyList<MessageRecord>> FindMessagesAsync(
        FilterDefinition<MessageDocument> filter, SortDefinition<MessageDocument> sort, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var documents = await _messages.Find(filter).Sort(sort).Limit(limit).ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToRecord());
    }

    // A top-level message or a thread reply also sent to the channel (threadId is absent on older documents).
    private static FilterDefinition<MessageDocument> InChannel =>
        Messages.Eq(m => m.ThreadId, null) | Messages.Eq(m => m.AlsoToChannel, true);

    public Task<IReadOnlyList<MessageRecord>> GetThreadRepliesAsync(
        string conversationId, string rootId, long? beforeSeq, long? afterSeq, int limit, CancellationToken cancellationToken)
    {
        var thread = InConversation(conversationId) & Messages.Eq(m => m.ThreadId, rootId);
        return afterSeq is { } after
            ? FindMessagesAsync(thread & Messages.Gt(m => m.Seq, after), Builders<MessageDocument>.Sort.Ascending(m => m.Seq), limit, cancellationToken)
            : FindMessagesAsync(
                beforeSeq is { } before ? thread & Messages.Lt(m => m.Seq, before) : thread,
                Builders<MessageDocument>.Sort.Descending(m => m.Seq), limit, cancellationToken);
    }

    private static FilterDefinition<MessageDocument> InConversation(string conversationId) =>
        Messages.Eq(m => m.ConversationId, conversationId);
}
