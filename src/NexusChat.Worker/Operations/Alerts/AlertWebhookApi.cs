using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Contracts.Hosting;
using NexusChat.Conversations.Commands;
using NexusChat.Worker.DeadLetters;

namespace NexusChat.Worker.Operations.Alerts;

/// <summary>
/// Alertmanager's webhook: each firing or resolved alert becomes one message from the system account in the operators'
/// channel, through the same command (and so the same store, outbox and live push) as any message. Alertmanager sends
/// the operator key as a bearer token (its webhook cannot set other headers).
/// </summary>
public static partial class AlertWebhookApi
{
    public sealed record AlertsPosted(int Posted, int Repeated, int Skipped);

    public static IEndpointRouteBuilder MapAlertWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(OperatorEndpoints.Alerts, Receive).AddEndpointFilter<OperatorKeyFilter>().WithName("ReceiveAlerts").WithTags("Alerts");
        return app;
    }

    public static async Task<Results<Ok<AlertsPosted>, ProblemHttpResult>> Receive(
        AlertmanagerPayload payload, OperatorsChannel channel, ConversationCommands commands, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (payload.Alerts is not { } alerts)
        {
            return TypedResults.Problem("The body is Alertmanager's webhook payload, with an alerts array.", statusCode: StatusCodes.Status400BadRequest, title: "No alerts");
        }

        if (await channel.EnsureAsync(cancellationToken) is not { } channelId)
        {
            // Alertmanager retries a failed notification; the log says why (a person holds the system account's name).
            return TypedResults.Problem("The alerts' system account cannot be used; see the worker's log.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Alerts cannot be posted");
        }

        var logger = loggers.CreateLogger(typeof(AlertWebhookApi));
        int posted = 0, repeated = 0, skipped = 0;
        foreach (var alert in alerts)
        {
            if (AlertText.ClientMessageId(alert) is not { } messageId)
            {
                skipped++;
                continue;
            }

            var outcome = await commands.SendAsync(OperatorsChannel.SystemUserId, channelId, AlertText.Of(alert), messageId, null, null, null, cancellationToken);
            switch (outcome)
            {
                case CommandOutcome.Done<NexusChat.Storage.Conversations.Stored<NexusChat.Storage.Conversations.MessageRecord>> { Value.Created: true }:
                    posted++;
                    break;
                case CommandOutcome.Done<NexusChat.Storage.Conversations.Stored<NexusChat.Storage.Conversations.MessageRecord>>:
                    repeated++;
                    break;
                default:
                    LogNotPosted(logger, alert.Fingerprint, outcome.ToString());
                    skipped++;
                    break;
            }
        }

        return TypedResults.Ok(new AlertsPosted(posted, repeated, skipped));
    }

    [LoggerMessage(LogLevel.Error, "Alert {Fingerprint} was not posted: {Outcome}")]
    private static partial void LogNotPosted(ILogger logger, string? fingerprint, string outcome);
}
