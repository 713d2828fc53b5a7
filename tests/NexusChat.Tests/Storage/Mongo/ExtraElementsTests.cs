using System.Reflection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using NexusChat.Storage.Conversations;

namespace NexusChat.Tests.Storage.Mongo;

/// <summary>
/// Replicas of two builds share one database during a rolling deploy, so every stored type must read a document that
/// a newer build wrote with fields this one does not know.
/// </summary>
public sealed class ExtraElementsTests
{
    public static TheoryData<Type> StoredTypes()
    {
        var types = new TheoryData<Type>();
        foreach (var type in Stored())
        {
            types.Add(type);
        }

        return types;
    }

    [Theory]
    [MemberData(nameof(StoredTypes))]
    public void ADocumentWithAFieldFromANewerBuildStillReads(Type type)
    {
        var document = new BsonDocument { ["fieldFromANewerBuild"] = new BsonDocument("any", 1) };

        var read = BsonSerializer.Deserialize(document, type);

        Assert.IsType(type, read);
    }

    [Fact]
    public void EveryDocumentTypeOfTheProviderIsChecked() =>
        Assert.Superset(
            new HashSet<string> { "ConversationDocument", "MemberDocument", "MessageDocument", "AttachmentDocument", "ReactionEntry",
                "ThreadSummaryDocument", "OutboxDocument", "UserDocument" },
            Stored().Select(type => type.Name).ToHashSet());

    private static IEnumerable<Type> Stored() => typeof(MongoConversationStore).Assembly.GetTypes().Where(IsStored);

    // A type with fixed element names is one the provider stores.
    private static bool IsStored(Type type) =>
        type.IsClass && type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(p => p.IsDefined(typeof(BsonElementAttribute)) || p.IsDefined(typeof(BsonIdAttribute)));
}
