namespace NexusChat.AppHost.Infrastructure;

/// <summary>How the infrastructure servers (MongoDB, Redis, RabbitMQ, coturn) are run.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers through Docker or Podman.</summary>
    Container,

    /// <summary>Local processes from the machine's PATH, for machines without a container engine.</summary>
    Host,
}
