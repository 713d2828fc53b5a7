namespace NexusChat.Api.Turn;

/// <summary>Where coturn listens and the shared secret that signs TURN REST credentials.</summary>
public sealed class TurnOptions
{
    public const string Section = "Turn";

    /// <summary>The longest lifetime a credential may have: a leaked one is useful for at most this long.</summary>
    public static readonly TimeSpan MaxCredentialLifetime = TimeSpan.FromHours(1);

    public string Host { get; set; } = string.Empty;
    public int Port { get; set; }

    /// <summary>
    /// The host browsers reach coturn at, when it differs from the one the api probes (a public name in front of a
    /// private address). Defaults to <see cref="Host"/>.
    /// </summary>
    public string? PublicHost { get; set; }

    public string Realm { get; set; } = "nexuschat";
    public string SharedSecret { get; set; } = string.Empty;

    /// <summary>How long a credential handed out by <c>GET /api/calls/ice-servers</c> lasts (1 minute to 1 hour).</summary>
    public TimeSpan CredentialLifetime { get; set; } = MaxCredentialLifetime;
}
