using MongoDB.Bson;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Mongo;

namespace NexusChat.Tests.Storage.Mongo;

public sealed class ChannelNameBackfillTests
{
    [Fact]
    public void TheDirectorysBackfillProbeIsBoundedByThePublicChannelIndex()
    {
        var index = PublicChannelIndex.Model;
        Assert.NotNull(index.Options.PartialFilterExpression);
        var partial = MongoRendering.Render(index.Options.PartialFilterExpression);
        var probe = MongoRendering.Render(ChannelNameBackfill.PublicChannelsMissingName);

        // The probe implies the partial filter (so the planner may use the index) and is an equality on the index's
        // first key (so the scan is bounded to channels without the field).
        Assert.All(partial, element => Assert.Equal(element.Value, probe[element.Name]));
        Assert.Equal(BsonNull.Value, probe["normalizedName"]);
        Assert.Equal("normalizedName", MongoRendering.Render(index.Keys).GetElement(0).Name);
    }
}
