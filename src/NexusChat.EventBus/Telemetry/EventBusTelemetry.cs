using System.Diagnostics;

namespace NexusChat.EventBus.Telemetry;

/// <summary>Names to register with OpenTelemetry (<c>AddSource</c>, <c>AddMeter</c>) to see the bus in traces and metrics.</summary>
public static class EventBusTelemetry
{
    public const string ActivitySourceName = "NexusChat.EventBus";
    public const string MeterName = "NexusChat.EventBus";

    internal static ActivitySource Source { get; } = new(ActivitySourceName);

    internal static Activity? StartPublish(string eventType, Guid eventId, ActivityContext parent) =>
        Start($"{eventType} publish", ActivityKind.Producer, parent, eventType, eventId, "publish");

    internal static Activity? StartProcess(string eventType, string? messageId, ActivityContext parent, string subscriber)
    {
        var activity = Start($"{eventType} process", ActivityKind.Consumer, parent, eventType, null, "process");
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("messaging.consumer.group.name", subscriber);
        return activity;
    }

    private static Activity? Start(string name, ActivityKind kind, ActivityContext parent, string eventType, Guid? eventId, string operation)
    {
        var activity = Source.StartActivity(name, kind, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", operation);
            activity.SetTag("messaging.destination.name", Topology.EventBusTopology.Exchange);
            activity.SetTag("messaging.rabbitmq.destination.routing_key", eventType);
            if (eventId is { } id)
            {
                activity.SetTag("messaging.message.id", id.ToString());
            }
        }

        return activity;
    }
}
