using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.EventBus.ParkingLots;

namespace NexusChat.Worker.DeadLetters;

/// <summary>
/// The worker's parking lot, where events that failed every retry wait: how many there are, and a replay that puts
/// them back in the queue once the cause is fixed. Internal endpoints (the worker has no external address); the
/// AppHost offers the replay as a dashboard command.
/// </summary>
public static class DeadLetterApi
{
    public const string ReplayPath = "/dead-letters/replay";

    public sealed record ParkedEvents(uint Parked);

    public sealed record ReplayedEvents(int Replayed);

    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dead-letters", CountParked).WithName(nameof(CountParked));
        app.MapPost(ReplayPath, ReplayParked).WithName(nameof(ReplayParked));
        return app;
    }

    public static async Task<Ok<ParkedEvents>> CountParked(ParkingLot parkingLot, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ParkedEvents(await parkingLot.CountAsync(cancellationToken)));

    public static async Task<Ok<ReplayedEvents>> ReplayParked(ParkingLot parkingLot, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ReplayedEvents(await parkingLot.ReplayAsync(cancellationToken)));
}
