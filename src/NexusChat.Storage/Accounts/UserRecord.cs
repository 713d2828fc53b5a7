namespace NexusChat.Storage.Accounts;

/// <summary>A user account as stored.</summary>
/// <param name="Id">Opaque, immutable id (a GUID in "N" format).</param>
/// <param name="Username">As the user typed it at registration.</param>
/// <param name="NormalizedUsername">Upper-invariant username; unique, so "Ana" and "ana" cannot both exist.</param>
/// <param name="PasswordHash">Output of ASP.NET Core's PasswordHasher (salted PBKDF2, format-versioned).</param>
/// <param name="AvatarVersion">Changes whenever the avatar does (<see cref="UserAvatar.Version"/>); null when the user has none.</param>
public sealed record UserRecord(
    string Id,
    string Username,
    string NormalizedUsername,
    string DisplayName,
    string StatusMessage,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    string? AvatarVersion = null);
