using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.ParkingLots;
using NexusChat.ServiceDefaults.Networking;

namespace NexusChat.Worker.DeadLetters;

/// <summary>
/// Every subscriber's parking lot (realtime's, the worker's own, any service that consumes events), where events that
/// failed every retry wait: how many per lot, what they are and why they failed, and a replay (all, one lot, or one
/// event) once the cause is fixed, or a discard of one event. Operator-only (<see cref="OperatorKeyFilter"/>); the
/// AppHost offers the count and the replay as dashboard commands.
/// </summary>
public static class DeadLetterApi
{
    private const int DefaultListed = 100;
    private const int MaxListed = 1_000;

    public sealed record ParkedEvents(long Parked, IReadOnlyList<ParkingLotCount> Lots);

    public sealed record ReplayedEvents(long Replayed, IReadOnlyList<ParkingLotCount> Lots);

    public sealed record ParkingLotContents(string Subscriber, string ParkingQueue, uint Parked, IReadOnlyList<ParkedEvent> Events);

    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup(OperatorEndpoints.DeadLetters).WithTags("DeadLetters").AddEndpointFilter<OperatorKeyFilter>().RequireManagementPort();
        deadLetters.MapGet("", CountParked).WithName(nameof(CountParked));
        deadLetters.MapPost("/replay", ReplayAllParked).WithName(nameof(ReplayAllParked));
        deadLetters.MapGet("/{subscriber}", ListParked).WithName(nameof(ListParked));
        deadLetters.MapPost("/{subscriber}/replay", ReplayLot).WithName(nameof(ReplayLot));
        deadLetters.MapPost("/{subscriber}/{eventId}/replay", ReplayOne).WithName(nameof(ReplayOne));
        deadLetters.MapDelete("/{subscriber}/{eventId}", DiscardOne).WithName(nameof(DiscardOne));
        return app;
    }

    public static async Task<Ok<ParkedEvents>> CountParked(DeadLetterOffice office, CancellationToken cancellationToken)
    {
        var lots = await office.CountAsync(cancellationToken);
        return TypedResults.Ok(new ParkedEvents(lots.Sum(l => (long)l.Events), lots));
    }

    public static async Task<Ok<ReplayedEvents>> ReplayAllParked(DeadLetterOffice office, CancellationToken cancellationToken)
    {
        var lots = await office.ReplayAllAsync(cancellationToken);
        return TypedResults.Ok(new ReplayedEvents(lots.Sum(l => (long)l.Events), lots));
    }

    /// <summary>The oldest parked events of one lot, <paramref name="limit"/> at most (listing leaves them parked, in order).</summary>
    public static async Task<Results<Ok<ParkingLotContents>, ProblemHttpResult, ValidationProblem>> ListParked(
        string subscriber, int? limit, DeadLetterOffice office, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Between 1 and {MaxListed}."] });
        }

        if (await office.FindAsync(subscriber, cancellationToken) is not { } lot)
        {
            return UnknownSubscriber(subscriber);
        }

        var events = await lot.ListAsync(limit ?? DefaultListed, cancellationToken);
        return TypedResults.Ok(new ParkingLotContents(subscriber, lot.ParkingQueue, await lot.CountAsync(cancellationToken), events));
    }

    public static async Task<Results<Ok<ReplayedEvents>, ProblemHttpResult>> ReplayLot(
        string subscriber, DeadLetterOffice office, CancellationToken cancellationToken)
    {
        if (await office.FindAsync(subscriber, cancellationToken) is not { } lot)
        {
            return UnknownSubscriber(subscriber);
        }

        var replayed = await lot.ReplayAsync(cancellationToken);
        return TypedResults.Ok(new ReplayedEvents(replayed, [new ParkingLotCount(subscriber, lot.ParkingQueue, (uint)replayed)]));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> ReplayOne(
        string subscriber, string eventId, DeadLetterOffice office, CancellationToken cancellationToken) =>
        ActOnOneAsync(subscriber, eventId, office, (lot, id) => lot.ReplayAsync(id, cancellationToken), cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> DiscardOne(
        string subscriber, string eventId, DeadLetterOffice office, CancellationToken cancellationToken) =>
        ActOnOneAsync(subscriber, eventId, office, (lot, id) => lot.DiscardAsync(id, cancellationToken), cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> ActOnOneAsync(
        string subscriber, string eventId, DeadLetterOffice office, Func<ParkingLot, string, Task<bool>> act, CancellationToken cancellationToken)
    {
        if (await office.FindAsync(subscriber, cancellationToken) is not { } lot)
        {
            return UnknownSubscriber(subscriber);
        }

        return await act(lot, eventId)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No event {eventId} is parked in {lot.ParkingQueue}.", statusCode: StatusCodes.Status404NotFound, title: "Event not parked");
    }

    // A ProblemHttpResult, not NotFound<ProblemDetails>, so the body goes out as application/problem+json.
    private static ProblemHttpResult UnknownSubscriber(string subscriber) =>
        TypedResults.Problem($"No subscriber named {subscriber} has declared a parking lot.", statusCode: StatusCodes.Status404NotFound, title: "Unknown subscriber");
}
