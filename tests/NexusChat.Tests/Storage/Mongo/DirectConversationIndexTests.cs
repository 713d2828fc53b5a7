using MongoDB.Bson;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class DirectConversationIndexTests
{
    [Fact]
    public void TheDirectLookupCarriesThePartialIndexFilterSoThePlannerCanUseTheIndex()
    {
        var partial = DirectConversationIndex.Model.Options.PartialFilterExpression;
        Assert.NotNull(partial);
        var indexFilter = MongoRendering.Render(partial);
        var lookup = MongoRendering.Render(DirectConversationIndex.ByKey("ana|bob"));

        Assert.Equal(new BsonDocument("directKey", new BsonDocument("$type", 2)), indexFilter);
        Assert.Contains(lookup, e => e.Name == "$and"
            ? e.Value.AsBsonArray.Contains(indexFilter)
            : e.Name == "directKey" && e.Value is BsonDocument ops && ops.Contains("$type") && ops["$type"] == 2);
        Assert.Contains("ana|bob", lookup.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDirectKeyIndexIsUniqueOnDirectKey()
    {
        var model = DirectConversationIndex.Model;

        Assert.True(model.Options.Unique);
        Assert.Equal(new BsonDocument("directKey", 1), MongoRendering.Render(model.Keys));
    }
}
