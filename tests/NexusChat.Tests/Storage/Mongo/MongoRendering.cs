using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace NexusChat.Tests.Storage.Mongo;

/// <summary>
/// Renders the provider's filter, sort and index definitions to the BSON the driver would send, so what the server
/// is asked can be checked without a server (none runs on CI).
/// </summary>
internal static class MongoRendering
{
    public static BsonDocument Render<T>(FilterDefinition<T> filter) => filter.Render(Args<T>());

    public static BsonDocument Render<T>(SortDefinition<T> sort) => sort.Render(Args<T>());

    public static BsonDocument Render<T>(IndexKeysDefinition<T> keys) => keys.Render(Args<T>());

    private static RenderArgs<T> Args<T>() => new(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry);
}
