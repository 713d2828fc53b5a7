using System.Diagnostics.Metrics;

namespace NexusChat.Api.Telemetry;

/// <summary>
/// What operators watch on the api besides HTTP metrics: sign-ins by outcome and messages by whether the send was new
/// or a client's retry (a rising retry share points at clients timing out).
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "NexusChat.Api";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _messages;

    public ApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("nexuschat.logins", description: "Sign-in attempts by outcome.");
        _messages = meter.CreateCounter<long>("nexuschat.messages.sent", description: "Message sends, new or repeated.");
    }

    /// <param name="outcome">succeeded, failed or rate_limited.</param>
    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void MessageSent(bool created) =>
        _messages.Add(1, new KeyValuePair<string, object?>("result", created ? "created" : "repeated"));
}
