using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Calls;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Conversations;
using NexusChat.Tests.EventBus;
using NexusChat.Tests.Hosting;
using static NexusChat.Tests.Calls.CallParty;

namespace NexusChat.Tests.Calls;

/// <summary>Calls in the conversation's history: one message per call, written by the replicas that changed the call.</summary>
[Collection(HostModeAppCollection.Name)]
public sealed class CallHistoryTests(HostModeAppFixture fixture)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AnAnsweredDirectCallIsOneMessageWithItsDurationAndParticipantsUnreadForTheCalleeAndNobodyEditsIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var direct = await CallSignalingTests.DirectAsync(world, world.Member, world.Member2);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-1", timeout.Token);
        await using var ben = await ConnectAsync(fixture, world.Member2, "realtime-2", timeout.Token);

        // Started on one replica, answered and ended on another: each writes the step its compare-and-set made.
        var call = await ana.StartAsync(direct.Id, CallKinds.Audio);
        await ben.JoinAsync(call.Id);
        await ben.Connection.InvokeAsync(nameof(IChatHub.LeaveCall), call.Id, timeout.Token);
        var forBen = await EndedCallMessageAsync(world, direct.Id, world.Member2);
        var forAna = await EndedCallMessageAsync(world, direct.Id, world.Member);

        Assert.Equal((forBen.Id, forBen.Version), (forAna.Id, forAna.Version));
        Assert.Equal((world.Member.User.Id, string.Empty, "call:" + call.Id), (forBen.SenderId, forBen.Text, forBen.ClientMessageId));
        var summary = forBen.Call!;
        Assert.Equal((call.Id, CallKinds.Audio, CallEndReasons.HungUp), (summary.CallId, summary.Kind, summary.EndReason));
        Assert.Equal([world.Member.User.Id, world.Member2.User.Id], summary.Participants);
        Assert.NotNull(summary.AnsweredAt);
        Assert.InRange(summary.AnsweredAt.Value, summary.StartedAt, summary.EndedAt!.Value);
        Assert.Equal((1L, forBen.Id), await UnreadAsync(world, direct.Id, world.Member2));
        Assert.Equal(0L, (await UnreadAsync(world, direct.Id, world.Member)).Count);

        using var api = world.Api();
        var path = $"/api/conversations/{direct.Id}/messages/{forBen.Id}";
        using var edit = await api.SendAsync(HttpMethod.Patch, path, JsonContent.Create(new EditMessageRequest("no call")), world.Member.AccessToken);
        using var delete = await api.SendAsync(HttpMethod.Delete, path, null, world.Member.AccessToken);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (edit.StatusCode, delete.StatusCode));
        var problem = await edit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://nexuschat.dev/problems/call-message", problem.GetProperty("type").GetString());
        var onHub = await FailureOf(() => ana.Connection.InvokeAsync<MessageDto>(nameof(IChatHub.EditMessage), direct.Id, forBen.Id, "no call"));
        Assert.Equal(HubErrorCodes.Conflict, onHub.Code);
    }

    [Fact]
    public async Task ACallNobodyAnswersShowsAsMissedWithTheCallerAloneInIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var world = await ConversationWorld.CreateAsync(fixture);
        var direct = await CallSignalingTests.DirectAsync(world, world.Member, world.Member2);
        await using var ana = await ConnectAsync(fixture, world.Member, "realtime-3", timeout.Token);

        var call = await ana.StartAsync(direct.Id, CallKinds.Video);
        var missed = await EndedCallMessageAsync(world, direct.Id, world.Member2, AppHostArguments.CallRingTimeout + Soon);

        Assert.Equal((call.Id, world.Member.User.Id), (missed.Call!.CallId, missed.SenderId));
        Assert.Equal((CallKinds.Video, CallEndReasons.Missed, null), (missed.Call.Kind, missed.Call.EndReason, missed.Call.AnsweredAt));
        Assert.Equal([world.Member.User.Id], missed.Call.Participants);
        Assert.True(missed.Call.EndedAt - missed.Call.StartedAt >= AppHostArguments.CallRingTimeout);
    }

    private static async Task<MessageDto> EndedCallMessageAsync(
        ConversationWorld world, string conversationId, AuthResponse reader, TimeSpan? within = null)
    {
        IReadOnlyList<MessageDto> calls = [];
        await Eventually.TrueAsync(async () =>
        {
            calls = await CallMessagesAsync(world, conversationId, reader);
            return calls.Any(m => m.Call!.State == CallStates.Ended);
        }, within ?? Soon, () => $"the call's message says it ended (seen: {string.Join(", ", calls.Select(m => m.Call!.State))})");
        return Assert.Single(calls);
    }

    private static async Task<IReadOnlyList<MessageDto>> CallMessagesAsync(ConversationWorld world, string conversationId, AuthResponse reader)
    {
        using var api = world.Api();
        using var response = await api.GetAsync($"/api/conversations/{conversationId}/messages", reader.AccessToken);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<Page<MessageDto>>())!.Items.Where(m => m.Call is not null)];
    }

    private static async Task<(long Count, string? LastMessageId)> UnreadAsync(ConversationWorld world, string conversationId, AuthResponse reader)
    {
        using var api = world.Api();
        using var response = await api.GetAsync("/api/conversations", reader.AccessToken);
        response.EnsureSuccessStatusCode();
        var mine = (await response.Content.ReadFromJsonAsync<Page<ConversationDto>>())!.Items.Single(c => c.Id == conversationId);
        return (mine.UnreadCount, mine.LastMessage?.Id);
    }
}
