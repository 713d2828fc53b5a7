using System.Net;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Topology;
using NexusChat.Tests.EventBus;
using RabbitMQ.Client;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// The worker's dead-letter endpoints in the running app: realtime parks what it cannot read, and the worker lists
/// it with the reason and discards it, for an operator with the key only.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class DeadLetterEndpointTests(HostModeAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private sealed record LotCount(string Subscriber, string ParkingQueue, uint Events);

    private sealed record Counts(long Parked, List<LotCount> Lots);

    private sealed record Parked(string? EventId, string? EventType, string Reason, int Attempts);

    private sealed record LotContents(string Subscriber, uint Parked, List<Parked> Events);

    [Fact]
    public async Task TheWorkerListsAndDiscardsAnEventRealtimeParkedForAnOperatorWithTheKeyOnly()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var worker = fixture.App.CreateHttpClient(WorkerReplicas.Names[0], "http");
        var eventId = Guid.NewGuid().ToString();
        using (var anonymous = await worker.GetAsync(OperatorEndpoints.DeadLetters, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        worker.DefaultRequestHeaders.Add(ServiceSettingKeys.OperatorKeyHeader, AppHostArguments.OperatorKey);
        await SendUnreadableToRealtimeAsync(eventId, timeout.Token);

        await Eventually.TrueAsync(async () => (await worker.GetFromJsonAsync<Counts>(OperatorEndpoints.DeadLetters, timeout.Token))!
            .Lots.Any(l => l.Subscriber == ResourceNames.Realtime && l.Events > 0), Timeout, "realtime's parked event is counted");
        var lot = await worker.GetFromJsonAsync<LotContents>($"{OperatorEndpoints.DeadLetters}/{ResourceNames.Realtime}", timeout.Token);
        var parked = Assert.Single(lot!.Events, e => e.EventId == eventId);
        Assert.Equal("MessageCreated", parked.EventType);
        Assert.StartsWith("Unreadable: ", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(1, parked.Attempts);

        using var discarded = await worker.DeleteAsync($"{OperatorEndpoints.DeadLetters}/{ResourceNames.Realtime}/{eventId}", timeout.Token);
        using var again = await worker.DeleteAsync($"{OperatorEndpoints.DeadLetters}/{ResourceNames.Realtime}/{eventId}", timeout.Token);
        using var replayed = await worker.PostAsync(OperatorEndpoints.ReplayDeadLetters, null, timeout.Token);

        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
    }

    // Straight into realtime's queue (no other subscriber sees it), with an event id and a type but a body that is not JSON.
    private async Task SendUnreadableToRealtimeAsync(string eventId, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri((await fixture.App.GetConnectionStringAsync(ResourceNames.Messaging, cancellationToken))!) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var properties = new BasicProperties { MessageId = eventId, Type = "MessageCreated", Persistent = true };
        await channel.BasicPublishAsync("", SubscriberTopology.QueueName(ResourceNames.Realtime), mandatory: true, properties,
            Encoding.UTF8.GetBytes("not json"), cancellationToken);
    }
}
