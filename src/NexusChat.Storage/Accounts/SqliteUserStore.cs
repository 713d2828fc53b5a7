using System.Globalization;
using Microsoft.Data.Sqlite;
using NexusChat.Storage.Embedded;

namespace NexusChat.Storage.Accounts;

public sealed class SqliteUserStore(SqliteConnectionFactory connections) : IUserStore
{
    // SQLITE_CONSTRAINT_UNIQUE: a UNIQUE index refused the row. Only normalized_username has one besides the
    // primary key, which reports SQLITE_CONSTRAINT_PRIMARYKEY instead, so this code means "username taken".
    private const int UniqueConstraintFailed = 2067;

    private const string Columns =
        "id, username, normalized_username, display_name, status_message, password_hash, created_at, avatar_version";

    public Task<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken) => connections.WriteAsync(async write =>
    {
        await using var command = Command(write);
        command.CommandText =
            """
            INSERT INTO users (id, username, normalized_username, display_name, normalized_display_name,
                               status_message, password_hash, created_at)
            VALUES ($id, $username, $normalizedUsername, $displayName, $normalizedDisplayName,
                    $statusMessage, $passwordHash, $createdAt);
            """;
        command.Parameters.AddWithValue("$id", user.Id);
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$normalizedUsername", user.NormalizedUsername);
        command.Parameters.AddWithValue("$displayName", user.DisplayName);
        command.Parameters.AddWithValue("$normalizedDisplayName", user.DisplayName.ToUpperInvariant());
        command.Parameters.AddWithValue("$statusMessage", user.StatusMessage);
        command.Parameters.AddWithValue("$passwordHash", user.PasswordHash);
        // Fixed-width UTC round-trip text: exact to the tick, and sorts in time order as plain text.
        command.Parameters.AddWithValue("$createdAt", user.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode == UniqueConstraintFailed)
        {
            // The unique index decides inside SQLite's write lock, so of racing replicas exactly one wins.
            return false;
        }
    }, cancellationToken);

    public Task<UserRecord?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        FindOneAsync("id", id, cancellationToken);

    public Task<UserRecord?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_username", normalizedUsername, cancellationToken);

    public Task<UserRecord?> UpdateProfileAsync(
        string id, string? displayName, string? statusMessage, CancellationToken cancellationToken) => connections.WriteAsync(async write =>
    {
        await using var command = Command(write);
        command.CommandText =
            $"""
            UPDATE users
            SET display_name = coalesce($displayName, display_name),
                normalized_display_name = coalesce($normalizedDisplayName, normalized_display_name),
                status_message = coalesce($statusMessage, status_message)
            WHERE id = $id
            RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$displayName", (object?)displayName ?? DBNull.Value);
        command.Parameters.AddWithValue("$normalizedDisplayName", (object?)displayName?.ToUpperInvariant() ?? DBNull.Value);
        command.Parameters.AddWithValue("$statusMessage", (object?)statusMessage ?? DBNull.Value);
        return await ReadSingleAsync(command, cancellationToken);
    }, cancellationToken);

    public Task<UserRecord?> SetAvatarAsync(string id, UserAvatar? avatar, CancellationToken cancellationToken) => connections.WriteAsync(async write =>
    {
        await using var command = Command(write);
        command.CommandText =
            $"""
            UPDATE users SET avatar_version = $version, avatar_type = $type, avatar = $content
            WHERE id = $id
            RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$version", (object?)avatar?.Version ?? DBNull.Value);
        command.Parameters.AddWithValue("$type", (object?)avatar?.ContentType ?? DBNull.Value);
        command.Parameters.AddWithValue("$content", (object?)avatar?.Content ?? DBNull.Value);
        return await ReadSingleAsync(command, cancellationToken);
    }, cancellationToken);

    public async Task<UserAvatar?> FindAvatarAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT avatar_version, avatar_type, avatar FROM users WHERE id = $id AND avatar IS NOT NULL;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new UserAvatar(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2))
            : null;
    }

    public Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken) => connections.WriteAsync(async write =>
    {
        await using var command = Command(write);
        command.CommandText = "UPDATE users SET password_hash = $passwordHash WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$passwordHash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }, cancellationToken);

    // Writes go through the process's writer queue (group commit) like every other change of the embedded store.
    private static SqliteCommand Command(SqliteWrite write)
    {
        var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        return command;
    }

    public async Task<IReadOnlyList<UserRecord>> SearchAsync(
        string normalizedPrefix, string? afterNormalizedUsername, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // A prefix match as a range over the raw text rather than LIKE: nothing in the user's input is a
        // wildcard, and both columns' indexes can serve the range (LIKE would also fold ASCII case).
        var upperBound = SqlitePrefix.UpperBound(normalizedPrefix);
        string InRange(string column) =>
            upperBound is null ? $"{column} >= $prefix" : $"{column} >= $prefix AND {column} < $upperBound";

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT {Columns} FROM users
            WHERE (({InRange("normalized_username")}) OR ({InRange("normalized_display_name")}))
              AND ($after IS NULL OR normalized_username > $after)
            ORDER BY normalized_username
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$prefix", normalizedPrefix);
        command.Parameters.AddWithValue("$after", (object?)afterNormalizedUsername ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        if (upperBound is not null)
        {
            command.Parameters.AddWithValue("$upperBound", upperBound);
        }

        var users = new List<UserRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(ReadUser(reader));
        }

        return users;
    }

    private async Task<UserRecord?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The column name is one of this class's constants, never input.
        command.CommandText = $"SELECT {Columns} FROM users WHERE {column} = $value;";
        command.Parameters.AddWithValue("$value", value);
        return await ReadSingleAsync(command, cancellationToken);
    }

    private static async Task<UserRecord?> ReadSingleAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadUser(reader) : null;
    }

    private static UserRecord ReadUser(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Username: reader.GetString(1),
        NormalizedUsername: reader.GetString(2),
        DisplayName: reader.GetString(3),
        StatusMessage: reader.GetString(4),
        PasswordHash: reader.GetString(5),
        CreatedAt: DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        AvatarVersion: reader.IsDBNull(7) ? null : reader.GetString(7));
}
