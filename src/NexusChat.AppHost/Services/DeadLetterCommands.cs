using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Services;

/// <summary>
/// The worker's dead-letter endpoints as dashboard commands (count, replay all). The endpoints want the operator key,
/// a generated secret the worker is given and every command sends, so nothing else inside the deployment can replay
/// or discard events; listing, replaying or discarding single events is done with the same key over HTTP (docs/hosting.md).
/// </summary>
internal static class DeadLetterCommands
{
    public static IResourceBuilder<ProjectResource> WithDeadLetterCommands(
        this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ParameterResource> operatorKey)
    {
        Func<HttpCommandRequestContext, Task> sendOperatorKey = async context =>
            context.Request.Headers.Add(ServiceSettingKeys.OperatorKeyHeader, await operatorKey.Resource.GetValueAsync(context.CancellationToken));

        return worker
            .WithEnvironment(ServiceSettingKeys.AsEnvironmentVariable(ServiceSettingKeys.OperatorKey), operatorKey)
            .WithHttpCommand(OperatorEndpoints.DeadLetters, "Count parked events", commandName: "count-parked-events", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Get,
                Description = "How many events wait in each subscriber's parking lot (realtime's, the worker's, ...).",
                PrepareRequest = sendOperatorKey,
                ResultMode = HttpCommandResultMode.Json,
                IconName = "MailInbox",
            })
            .WithHttpCommand(OperatorEndpoints.ReplayDeadLetters, "Replay parked events", commandName: "replay-parked-events", commandOptions: new HttpCommandOptions
            {
                Description = "Put every parked event back in its subscriber's queue, for every subscriber.",
                ConfirmationMessage = "Replay every parked event of every subscriber? Do it once the cause of the failures is fixed.",
                PrepareRequest = sendOperatorKey,
                ResultMode = HttpCommandResultMode.Json,
                IconName = "ArrowRepeatAll",
            });
    }
}
