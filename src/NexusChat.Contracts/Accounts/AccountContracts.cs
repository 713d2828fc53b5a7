namespace NexusChat.Contracts.Accounts;

// Request fields are nullable so a missing field is a validation error naming it, not a binding failure.
public sealed record RegisterRequest(string? Username, string? DisplayName, string? Password);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record UpdateProfileRequest(string? DisplayName, string? StatusMessage);

public sealed record UserDto(string Id, string Username, string DisplayName, string StatusMessage);

/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record AuthResponse(UserDto User, string AccessToken, string RefreshToken, int ExpiresIn);

/// <summary>A page of results; <paramref name="Next"/> is the cursor for the following page, null on the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
