using MongoDB.Bson;
using MongoDB.Driver;
using NexusChat.EventBus.Abstractions.Outbox;

namespace NexusChat.Storage.Outbox;

/// <summary>
/// The relay lease as one document of <c>outbox_lease</c> (keyed by <c>_id</c>, so it needs no index). Expiry is judged
/// by the clock of the worker that asks: workers on different hosts must agree within a fraction of the lease, which
/// NTP gives; a worse skew costs an early takeover, i.e. events published twice (consumers drop them), never a loss.
/// </summary>
/// <param name="time">The clock of the expiry times (tests move it).</param>
public sealed class MongoOutboxRelayLease(IMongoDatabase database, TimeProvider? time = null) : IOutboxRelayLease
{
    internal const string CollectionName = "outbox_lease";
    private const string LeaseName = "outbox-relay";
    private const string HolderField = "holder";
    private const string ExpiresAtField = "expiresAt";

    private readonly IMongoCollection<BsonDocument> _leases = database.GetCollection<BsonDocument>(CollectionName);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<bool> TryAcquireAsync(string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var now = _time.GetUtcNow().UtcDateTime;
        var filter = Builders<BsonDocument>.Filter;
        try
        {
            // A live lease of another holder matches nothing, so the upsert tries to insert a second document with
            // the same _id and the unique key refuses it: that refusal is the answer "held by someone else".
            await _leases.UpdateOneAsync(
                filter.Eq("_id", LeaseName) & (filter.Eq(HolderField, holder) | filter.Lt(ExpiresAtField, now)),
                Builders<BsonDocument>.Update.Set(HolderField, holder).Set(ExpiresAtField, now + duration),
                new UpdateOptions { IsUpsert = true },
                cancellationToken);
            return true;
        }
        catch (MongoWriteException exception) when (exception.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public Task ReleaseAsync(string holder, CancellationToken cancellationToken) =>
        _leases.DeleteOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", LeaseName) & Builders<BsonDocument>.Filter.Eq(HolderField, holder),
            cancellationToken);
}
