using System.Diagnostics;
using NexusChat.EventBus.Abstractions;

namespace NexusChat.Tests.EventBus;

/// <summary>What a test's handler saw: every attempt with its time and trace, and which attempts succeeded.</summary>
public sealed class HandlerProbe
{
    private readonly Lock _gate = new();
    private readonly List<HandlerAttempt> _attempts = [];

    /// <summary>What the handler does on each attempt (1-based per event id); throwing makes the attempt fail.</summary>
    public Func<ProbeEvent, int, CancellationToken, Task> Behaviour { get; set; } = (_, _, _) => Task.CompletedTask;

    public IReadOnlyList<HandlerAttempt> AttemptsFor(Guid eventId)
    {
        lock (_gate)
        {
            return _attempts.Where(a => a.Event.Id == eventId).ToList();
        }
    }

    public int SuccessesFor(Guid eventId) => AttemptsFor(eventId).Count(a => a.Succeeded);

    internal async Task HandleAsync(ProbeEvent @event, CancellationToken cancellationToken)
    {
        HandlerAttempt attempt;
        lock (_gate)
        {
            attempt = new HandlerAttempt(@event, _attempts.Count(a => a.Event.Id == @event.Id) + 1, Activity.Current?.TraceId, Stopwatch.GetTimestamp());
            _attempts.Add(attempt);
        }

        await Behaviour(@event, attempt.Number, cancellationToken);
        lock (_gate)
        {
            attempt.Succeeded = true;
        }
    }
}

public sealed record HandlerAttempt(ProbeEvent Event, int Number, ActivityTraceId? TraceId, long Timestamp)
{
    public bool Succeeded { get; set; }
}

public sealed class ProbeHandler(HandlerProbe probe) : IIntegrationEventHandler<ProbeEvent>
{
    public Task HandleAsync(ProbeEvent @event, CancellationToken cancellationToken) => probe.HandleAsync(@event, cancellationToken);
}
