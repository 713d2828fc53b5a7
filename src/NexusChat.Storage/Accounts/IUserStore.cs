namespace NexusChat.Storage.Accounts;

/// <summary>User accounts. Every provider implements the same contract (tests/…/Storage/UserStoreContractTests).</summary>
public interface IUserStore
{
    /// <summary>Stores a new user; false when the normalized username is taken (atomically, across replicas).</summary>
    Task<bool> TryCreateAsync(UserRecord user, CancellationToken cancellationToken);

    Task<UserRecord?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<UserRecord?> FindByNormalizedUsernameAsync(string normalizedUsername, CancellationToken cancellationToken);

    /// <summary>Changes the fields given (null leaves a field as it is); null when the user does not exist.</summary>
    Task<UserRecord?> UpdateProfileAsync(string id, string? displayName, string? statusMessage, CancellationToken cancellationToken);

    /// <summary>Sets the avatar, or removes it when <paramref name="avatar"/> is null; the user as updated, null when the user does not exist.</summary>
    Task<UserRecord?> SetAvatarAsync(string id, UserAvatar? avatar, CancellationToken cancellationToken);

    /// <summary>The user's avatar, or null when the user has none (or does not exist).</summary>
    Task<UserAvatar?> FindAvatarAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces the hash, e.g. when a login finds it made with older hashing parameters.</summary>
    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken);

    /// <summary>
    /// Users whose normalized username or upper-invariant display name starts with <paramref name="normalizedPrefix"/>,
    /// ordered by normalized username, after <paramref name="afterNormalizedUsername"/> (exclusive) when given;
    /// at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<UserRecord>> SearchAsync(
        string normalizedPrefix, string? afterNormalizedUsername, int limit, CancellationToken cancellationToken);
}
