namespace NexusChat.AppHost.Infrastructure;

/// <summary>
/// A server started from a local binary that services reach through a connection string, like the
/// container resources of Aspire.Hosting.Redis/RabbitMQ but as a process (host mode).
/// </summary>
public sealed class HostServerResource(string name, string command, string workingDirectory, string connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = ReferenceExpression.Create($"{connectionString}");
}
