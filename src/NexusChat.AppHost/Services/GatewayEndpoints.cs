using NexusChat.Contracts.Hosting;

namespace NexusChat.AppHost.Services;

/// <summary>
/// The gateway's two endpoints: <c>http</c>, the only one exposed, for browsers; and <c>management</c>, never exposed,
/// where its detailed <c>/health</c> (each replica's address and state) and <c>/metrics</c> answer for the AppHost,
/// Prometheus and operators. The service learns which port is which from <see cref="ServiceSettingKeys.ManagementPort"/>.
/// </summary>
public static class GatewayEndpoints
{
    public static IResourceBuilder<ProjectResource> WithGatewayEndpoints(
        this IResourceBuilder<ProjectResource> gateway, IDistributedApplicationBuilder builder, int publicPort)
    {
        var publish = builder.ExecutionContext.IsPublishMode;
        gateway.WithEndpoint("http", endpoint =>
        {
            endpoint.Port = publicPort;
            endpoint.IsExternal = true;
            if (!publish)
            {
                // Behind the DCP proxy, on a port of our choosing: the tests connect to it directly, since the proxy
                // connects from 127.0.0.1 for every client and would hide the client's address from the gateway.
                endpoint.TargetPort = LoopbackPorts.Free();
            }
        });
        if (publish)
        {
            // The platform assigns the port; the service reads it from the binding.
            gateway.WithHttpEndpoint(name: ServiceSettingKeys.ManagementEndpoint);
        }
        else
        {
            // Not behind a DCP proxy, so the port the AppHost probes is the one the service listens on.
            var port = LoopbackPorts.Free();
            gateway.WithHttpEndpoint(port: port, targetPort: port, name: ServiceSettingKeys.ManagementEndpoint, isProxied: false);
        }

        var management = gateway.GetEndpoint(ServiceSettingKeys.ManagementEndpoint);
        return gateway
            .WithEnvironment(ServiceSettingKeys.AsEnvironmentVariable(ServiceSettingKeys.ManagementPort), management.Property(EndpointProperty.TargetPort))
            .WithHttpHealthCheck("/health", endpointName: ServiceSettingKeys.ManagementEndpoint);
    }
}
