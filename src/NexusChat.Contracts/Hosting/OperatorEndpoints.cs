namespace NexusChat.Contracts.Hosting;

/// <summary>The worker's operator endpoints the AppHost's dashboard commands call (with <see cref="ServiceSettingKeys.OperatorKeyHeader"/>).</summary>
public static class OperatorEndpoints
{
    /// <summary>Every subscriber's parking lot with its count (GET); <c>/{subscriber}</c> lists one lot's events.</summary>
    public const string DeadLetters = "/dead-letters";

    /// <summary>Replays every parking lot (POST).</summary>
    public const string ReplayDeadLetters = DeadLetters + "/replay";

    /// <summary>Alertmanager's webhook (POST): firing and resolved alerts, posted into the operators' channel.</summary>
    public const string Alerts = "/alerts";
}
