namespace NexusChat.Identity;

/// <summary>Token settings shared by every api and realtime replica (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "nexuschat";
    public const string Audience = "nexuschat";

    /// <summary>HMAC-SHA256 key (≥ 32 characters), an AppHost secret parameter.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The key before a rotation: tokens it signed stay valid until they expire.</summary>
    public string? PreviousSigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Sessions one user may hold; signing in beyond it ends the least recently used one.</summary>
    public int MaxSessionsPerUser { get; set; } = 50;

    /// <summary>
    /// How long after a rotation the refresh token it spent may be presented once more and still get the new one:
    /// a client whose refresh response was lost retries with the token it holds instead of being signed out.
    /// </summary>
    public TimeSpan RefreshRetryGrace { get; set; } = TimeSpan.FromSeconds(30);
}
