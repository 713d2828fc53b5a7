namespace NexusChat.Contracts.Accounts;

// Request fields are nullable so a missing field is a validation error naming it, not a binding failure.
public sealed record RegisterRequest(string? Username, string? DisplayName, string? Password);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record UpdateProfileRequest(string? DisplayName, string? StatusMessage);

/// <param name="AvatarVersion">
/// Null when the user has no picture (clients draw initials); else it changes whenever the picture does, so a client
/// fetches <c>GET /api/users/{id}/avatar?v={AvatarVersion}</c> again only when it differs.
/// </param>
public sealed record UserDto(string Id, string Username, string DisplayName, string StatusMessage, string? AvatarVersion = null);

/// <param name="FileId">A completed upload of the caller's (tus), an image.</param>
public sealed record SetAvatarRequest(string? FileId);

/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record AuthResponse(UserDto User, string AccessToken, string RefreshToken, int ExpiresIn);

/// <summary>A page of results; <paramref name="Next"/> is the cursor for the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
