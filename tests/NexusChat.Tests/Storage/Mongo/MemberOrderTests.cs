using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class MemberOrderTests
{
    [Fact]
    public void MembersAreOrderedByTheStoreAssignedJoinSequenceBeforeTimeAndObjectId() =>
        Assert.Equal(
            new BsonDocument { ["joinSeq"] = 1, ["joinedAt"] = 1, ["_id"] = 1 },
            MongoRendering.Render(MongoConversationStore.JoinOrder));

    [Fact]
    public void AMemberCarriesItsJoinSequenceAndOneStoredBeforeItReadsAsFirst()
    {
        var member = new MemberRecord("c1", "ana", MemberRoles.Member, 0, DateTimeOffset.UnixEpoch);

        var stored = MemberDocument.From(member, joinSeq: 7).ToBsonDocument();
        stored.Remove("joinSeq");
        var older = BsonSerializer.Deserialize<MemberDocument>(stored);

        Assert.Equal(7, MemberDocument.From(member, joinSeq: 7).ToBsonDocument()["joinSeq"].AsInt64);
        Assert.Equal(0, older.JoinSeq);
    }
}
