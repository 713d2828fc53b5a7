namespace NexusChat.Tests.Hosting;

/// <summary>The worker replicas the AppHost runs by default (two: one relays the outbox, both consume events).</summary>
public static class WorkerReplicas
{
    public static readonly string[] Names = ["worker-1", "worker-2"];
}
