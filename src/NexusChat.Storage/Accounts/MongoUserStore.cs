using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace NexusChat.Storage.Accounts;

public sealed class MongoUserStore(IMongoDatabase database) : IUserStore
{
    internal const string CollectionName = "users";
    internal const string NormalizedUsernameField = "normalizedUsername";
    internal const string NormalizedDisplayNameField = "normalizedDisplayName";
    private const string AvatarTypeField = "avatarType";
    private const string AvatarField = "avatar";

    private static readonly FilterDefinitionBuilder<UserDocument> Filter = Builders<UserDocument>.Filter;

    // The avatar's bytes stay on the server unless the avatar itself is asked for.
    private static readonly ProjectionDefinition<UserDocument, UserDocument> WithoutAvatarImage =
        Builders<UserDocument>.Projection.Exclude(AvatarField).Exclude(AvatarTypeField);

    private readonly IMongoCollection<UserDocument> _users = database.GetCollection<UserDocument>(CollectionName);

    public async Task<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        try
        {
            await _users.InsertOneAsync(UserDocument.From(user), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // The unique index on normalizedUsername decides on the primary, so of racing replicas exactly one wins.
            return false;
        }
    }

    public Task<UserRecord?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        FindOneAsync(Filter.Eq(u => u.Id, id), cancellationToken);

    public Task<UserRecord?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        FindOneAsync(Filter.Eq(u => u.NormalizedUsername, normalizedUsername), cancellationToken);

    public async Task<UserRecord?> UpdateProfileAsync(
        string id, string? displayName, string? statusMessage, CancellationToken cancellationToken)
    {
        var changes = new List<UpdateDefinition<UserDocument>>();
        if (displayName is not null)
        {
            changes.Add(Builders<UserDocument>.Update.Set(u => u.DisplayName, displayName));
            changes.Add(Builders<UserDocument>.Update.Set(u => u.NormalizedDisplayName, displayName.ToUpperInvariant()));
        }

        if (statusMessage is not null)
        {
            changes.Add(Builders<UserDocument>.Update.Set(u => u.StatusMessage, statusMessage));
        }

        // The server refuses an update with no operators, and with nothing to change a read answers the same.
        if (changes.Count == 0)
        {
            return await FindByIdAsync(id, cancellationToken);
        }

        var updated = await _users.FindOneAndUpdateAsync(
            Filter.Eq(u => u.Id, id),
            Builders<UserDocument>.Update.Combine(changes),
            new FindOneAndUpdateOptions<UserDocument> { ReturnDocument = ReturnDocument.After, Projection = WithoutAvatarImage },
            cancellationToken);
        return updated?.ToRecord();
    }

    public async Task<UserRecord?> SetAvatarAsync(string id, UserAvatar? avatar, CancellationToken cancellationToken)
    {
        var update = avatar is null
            ? Builders<UserDocument>.Update.Unset(u => u.AvatarVersion).Unset(AvatarTypeField).Unset(AvatarField)
            : Builders<UserDocument>.Update.Set(u => u.AvatarVersion, avatar.Version)
                .Set(AvatarTypeField, avatar.ContentType).Set(AvatarField, new BsonBinaryData(avatar.Content));
        var updated = await _users.FindOneAndUpdateAsync(
            Filter.Eq(u => u.Id, id),
            update,
            new FindOneAndUpdateOptions<UserDocument> { ReturnDocument = ReturnDocument.After, Projection = WithoutAvatarImage },
            cancellationToken);
        return updated?.ToRecord();
    }

    public async Task<UserAvatar?> FindAvatarAsync(string id, CancellationToken cancellationToken)
    {
        var document = await database.GetCollection<BsonDocument>(CollectionName)
            .Find(Builders<BsonDocument>.Filter.Eq("_id", id) & Builders<BsonDocument>.Filter.Exists(AvatarField))
            .FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new UserAvatar(document["avatarVersion"].AsString, document[AvatarTypeField].AsString, document[AvatarField].AsByteArray);
    }

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(
            Filter.Eq(u => u.Id, id),
            Builders<UserDocument>.Update.Set(u => u.PasswordHash, passwordHash),
            cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<UserRecord>> SearchAsync(
        string normalizedPrefix, string? afterNormalizedUsername, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // Anchored and case-sensitive, so each field's index bounds the scan to the prefix; escaped, so nothing the
        // user typed acts as a pattern.
        var startsWith = new BsonRegularExpression("^" + Regex.Escape(normalizedPrefix));
        var filter = Filter.Or(
            Filter.Regex(u => u.NormalizedUsername, startsWith),
            Filter.Regex(u => u.NormalizedDisplayName, startsWith));
        if (afterNormalizedUsername is not null)
        {
            filter &= Filter.Gt(u => u.NormalizedUsername, afterNormalizedUsername);
        }

        var documents = await _users.Find(filter)
            .Project(WithoutAvatarImage)
            .Sort(Builders<UserDocument>.Sort.Ascending(u => u.NormalizedUsername))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d.ToRecord());
    }

    private async Task<UserRecord?> FindOneAsync(FilterDefinition<UserDocument> filter, CancellationToken cancellationToken)
    {
        var document = await _users.Find(filter).Project(WithoutAvatarImage).FirstOrDefaultAsync(cancellationToken);
        return document?.ToRecord();
    }

    // Element names are fixed here so that renaming a property cannot silently change what is stored. The avatar's
    // type and bytes have no property: only FindAvatarAsync reads them, and every other read projects them out.
    [BsonIgnoreExtraElements]
    private sealed class UserDocument
    {
        [BsonId]
        public required string Id { get; init; }

        [BsonElement("username")]
        public required string Username { get; init; }

        [BsonElement(NormalizedUsernameField)]
        public required string NormalizedUsername { get; init; }

        [BsonElement("displayName")]
        public required string DisplayName { get; init; }

        [BsonElement(NormalizedDisplayNameField)]
        public required string NormalizedDisplayName { get; init; }

        [BsonElement("statusMessage")]
        public required string StatusMessage { get; init; }

        [BsonElement("passwordHash")]
        public required string PasswordHash { get; init; }

        // A BSON date is an instant in UTC milliseconds; reading it as UTC keeps it independent of this host's zone.
        [BsonElement("createdAt")]
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
        public required DateTime CreatedAt { get; init; }

        [BsonElement("avatarVersion")]
        [BsonIgnoreIfNull]
        public string? AvatarVersion { get; init; }

        public static UserDocument From(UserRecord user) => new()
        {
            Id = user.Id,
            Username = user.Username,
            NormalizedUsername = user.NormalizedUsername,
            DisplayName = user.DisplayName,
            NormalizedDisplayName = user.DisplayName.ToUpperInvariant(),
            StatusMessage = user.StatusMessage,
            PasswordHash = user.PasswordHash,
            CreatedAt = user.CreatedAt.UtcDateTime,
            AvatarVersion = user.AvatarVersion,
        };

        public UserRecord ToRecord() => new(
            Id, Username, NormalizedUsername, DisplayName, StatusMessage, PasswordHash, new DateTimeOffset(CreatedAt), AvatarVersion);
    }
}
