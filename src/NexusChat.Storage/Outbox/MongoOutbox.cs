using MongoDB.Driver;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Storage.Outbox;

/// <param name="time">The clock of the published marks (tests move it; the purge compares with it).</param>
public sealed class MongoOutbox(IMongoDatabase database, TimeProvider? time = null) : IOutboxStore
{
    internal const string CollectionName = "outbox";
    internal const string CreatedAtField = "createdAt";
    internal const string PublishedAtField = "publishedAt";

    private readonly IMongoCollection<OutboxDocument> _outbox = database.GetCollection<OutboxDocument>(CollectionName);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Creation time orders events from different replicas only as well as their clocks agree; the relay publishes
    // every pending event regardless, and consumers order by what the payload carries (seq, version).
    public async Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var documents = await _outbox.Find(OutboxPendingIndex.Pending)
            .Sort(OutboxPendingIndex.Order)
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
            Builders<OutboxDocument>.Update.Set(o => o.PublishedAt, _time.GetUtcNow().UtcDateTime),
            cancellationToken: cancellationToken);
    }

    public async Task<int> PurgePublishedAsync(DateTimeOffset publishedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // $lt matches no document without publishedAt, so pending ones stay; the (publishedAt, createdAt, _id) index serves
        // the range. DeleteMany has no limit: the batch's ids are read first.
        var old = Builders<OutboxDocument>.Filter.Lt(o => o.PublishedAt, publishedBefore.UtcDateTime);
        var ids = await _outbox.Find(old)
            .Sort(Builders<OutboxDocument>.Sort.Ascending(o => o.PublishedAt))
            .Limit(limit)
            .Project(o => o.EventId)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var deleted = await _outbox.DeleteManyAsync(old & Builders<OutboxDocument>.Filter.In(o => o.EventId, ids), cancellationToken);
        return (int)deleted.DeletedCount;
    }
}
