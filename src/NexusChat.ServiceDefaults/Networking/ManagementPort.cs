using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using NexusChat.Contracts.Hosting;

namespace NexusChat.ServiceDefaults.Networking;

/// <summary>
/// Keeps a service's detailed health report and metrics off its public port. A service the internet reaches (the
/// gateway) is given a management port (<see cref="ServiceSettingKeys.ManagementPort"/>, an endpoint the AppHost
/// declares but never exposes); endpoints marked with <see cref="RequireManagementPort"/> answer there and are a 404
/// on every other port. The port is the one the connection arrived on, not the Host header, which the client writes.
/// A service without the setting (api, realtime, worker: reachable only inside the deployment) serves them anywhere.
/// </summary>
public static class ManagementPort
{
    public static TBuilder RequireManagementPort<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(ManagementOnly.Instance);

    /// <summary>Answers 404 for a management endpoint reached on another port; call it before the endpoints run.</summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (app.Configuration.GetValue<int?>(ServiceSettingKeys.ManagementPort) is not { } port)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port || context.GetEndpoint()?.Metadata.GetMetadata<ManagementOnly>() is null)
            {
                return next(context);
            }

            // The same answer as for a path that does not exist, so the public port does not reveal it either.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    private sealed class ManagementOnly
    {
        public static readonly ManagementOnly Instance = new();
    }
}
