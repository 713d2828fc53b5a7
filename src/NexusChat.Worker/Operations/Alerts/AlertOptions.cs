namespace NexusChat.Worker.Operations.Alerts;

/// <summary>Where alerts are posted (<c>Alerts</c> section of the worker's settings).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>The private channel alerts go to, created by the system account on first use.</summary>
    public string ChannelName { get; set; } = "operators";

    /// <summary>
    /// Usernames of the people who get the channel (as admins, so they can invite others). Checked on every notification,
    /// so someone listed who registers later is added with the next alert.
    /// </summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>The system account's username. A person who took it first is refused as the sender (see <see cref="OperatorsChannel"/>).</summary>
    public string SystemUsername { get; set; } = "nexuschat-alerts";
}
