namespace NexusChat.Worker.Operations.Alerts;

/// <summary>
/// What Alertmanager's webhook sends (version 4: https://prometheus.io/docs/alerting/latest/configuration/#webhook_config),
/// the fields this worker reads.
/// </summary>
public sealed record AlertmanagerPayload(string? Version, string? Status, IReadOnlyList<AlertmanagerAlert>? Alerts);

/// <param name="Status">"firing" or "resolved".</param>
/// <param name="Fingerprint">Alertmanager's hash of the labels: the same alert keeps it from firing to resolution.</param>
public sealed record AlertmanagerAlert(
    string? Status,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyDictionary<string, string>? Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Fingerprint);
