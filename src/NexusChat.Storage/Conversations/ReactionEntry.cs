using MongoDB.Bson.Serialization.Attributes;

namespace NexusChat.Storage.Conversations;

[BsonIgnoreExtraElements]
internal sealed class ReactionEntry
{
    [BsonElement("emoji")]
    public required string Emoji { get; init; }

    [BsonElement("userId")]
    public required string UserId { get; init; }
}
