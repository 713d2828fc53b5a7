using MongoDB.Driver;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Storage.Outbox;

public sealed class MongoOutbox(IMongoDatabase database) : IOutboxStore
{
    internal const string CollectionName = "outbox";
    internal const string CreatedAtField = "createdAt";
    internal const string PublishedAtField = "publishedAt";

    private readonly IMongoCollection<OutboxDocument> _outbox = database.GetCollection<OutboxDocument>(CollectionName);

    // Creation time orders events from different replicas only as well as their clocks agree; the relay publishes
    // every pending event regardless, and consumers order by what the payload carries (seq, version).
    public async Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var documents = await _outbox.Find(Builders<OutboxDocument>.Filter.Eq(o => o.PublishedAt, null))
            .Sort(Builders<OutboxDocument>.Sort.Ascending(o => o.CreatedAt).Ascending(o => o.EventId))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToMessage());
    }

    public async Task MarkPublishedAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        await _outbox.UpdateManyAsync(
            Builders<OutboxDocument>.Filter.In(o => o.EventId, eventIds.Select(id => id.ToString("D")))
                & Builders<OutboxDocument>.Filter.Eq(o => o.PublishedAt, null),
            Builders<OutboxDocument>.Update.Set(o => o.PublishedAt, DateTime.UtcNow),
            cancellationToken: cancellationToken);
    }
}
