namespace NexusChat.Api.Turn;

/// <summary>Where coturn listens and the shared secret that signs TURN REST credentials.</summary>
public sealed class TurnOptions
{
    public const string Section = "Turn";

    public string Host { get; set; } = string.Empty;
    public int Port { get; set; }
    public string Realm { get; set; } = "nexuschat";
    public string SharedSecret { get; set; } = string.Empty;
}
