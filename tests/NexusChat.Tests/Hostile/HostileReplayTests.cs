using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Accounts;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Hostile;

/// <summary>
/// The same request sent again, as a client retrying after a lost answer (or an attacker replaying one) would: it
/// changes nothing the first did not, and it is answered as the first was or with a typed refusal.
/// </summary>
[Collection(HostModeAppCollection.Name)]
public sealed class HostileReplayTests(HostModeAppFixture fixture)
{
    [Fact]
    public async Task EveryRestWriteReplayedChangesNothingMore()
    {
        var target = await HostileTarget.CreateAsync(fixture);
        using var api = new ApiClient(fixture, "api-1");
        var token = target.Session.AccessToken;
        var messages = $"/api/conversations/{target.Channel.Id}/messages";
        var send = new SendMessageRequest("once", "replayed-send", null);
        var reaction = $"{messages}/{target.Message.Id}/reactions/%F0%9F%91%8D";

        var sent = await TwiceAsync(() => api.PostAsync(messages, send, token));
        var reacted = await TwiceAsync(() => api.SendAsync(HttpMethod.Put, reaction, null, token));
        var read = await TwiceAsync(() => api.PostAsync($"/api/conversations/{target.Channel.Id}/read", new MarkReadRequest(2), token));
        var unreacted = await TwiceAsync(() => api.SendAsync(HttpMethod.Delete, reaction, null, token));
        var deleted = await TwiceAsync(() => api.SendAsync(HttpMethod.Delete, $"{messages}/{target.Message.Id}", null, token));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), sent.Statuses);
        Assert.Equal(sent.First.GetProperty("id").GetString(), sent.Second.GetProperty("id").GetString());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), reacted.Statuses);
        Assert.Equal(1, reacted.Second.GetProperty("reactions")[0].GetProperty("count").GetInt32());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), read.Statuses);
        Assert.Equal(2, read.Second.GetProperty("lastReadSeq").GetInt64());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), unreacted.Statuses);
        Assert.Equal(0, unreacted.Second.GetProperty("reactions").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, deleted.Statuses.First);
        Assert.True(deleted.Statuses.Second is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{deleted.Statuses.Second}");
        using var history = await api.GetAsync(messages, token);
        var page = (await history.Content.ReadFromJsonAsync<Page<MessageDto>>())!;
        Assert.Equal([2L, 1L], page.Items.Select(m => m.Seq));
    }

    [Fact]
    public async Task ALogoutReplayedIsRefusedAndTheSessionStaysEnded()
    {
        var session = await HostileTarget.SessionAsync(fixture);
        using var api = new ApiClient(fixture, "api-2");

        var (statuses, _, _) = await TwiceAsync(() => api.PostAsync("/api/auth/logout", new { }, session.AccessToken));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized), statuses);
        using var me = await api.GetAsync("/api/users/me", session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryHubWriteReplayedChangesNothingMore(bool messagePack)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var target = await HostileTarget.CreateAsync(fixture);
        await using var hub = await HubCall.ConnectAsync(fixture, target.Session, messagePack, timeout.Token);
        var (channel, message) = (target.Channel.Id, target.Message.Id);

        var sent = await TwiceAsync(() => hub.InvokeAsync<MessageDto>("SendMessage", channel, "replayed-send", "once", null, timeout.Token));
        var reacted = await TwiceAsync(() => hub.InvokeAsync<MessageDto>("AddReaction", channel, message, "\U0001F44D", timeout.Token));
        var read = await TwiceAsync(() => hub.InvokeAsync<ReadStateDto>("MarkRead", channel, 2L, timeout.Token));
        var unreacted = await TwiceAsync(() => hub.InvokeAsync<MessageDto>("RemoveReaction", channel, message, "\U0001F44D", timeout.Token));
        var deleted = await hub.InvokeAsync<MessageDto>("DeleteMessage", channel, message, timeout.Token);
        var (end, detail) = await HubCall.InvokeAsync(hub, "DeleteMessage", typeof(MessageDto), [channel, message], timeout.Token);

        Assert.Equal((sent.First.Id, sent.First.Seq), (sent.Second.Id, sent.Second.Seq));
        Assert.Equal(reacted.First.Version, reacted.Second.Version);
        Assert.Equal(1, Assert.Single(reacted.Second.Reactions).Count);
        Assert.Equal(read.First, read.Second);
        Assert.Empty(unreacted.Second.Reactions);
        Assert.True(deleted.Deleted);
        Assert.True(end is HubCallEnd.Returned or HubCallEnd.Typed, $"{end}: {detail}");
        var synced = await hub.InvokeAsync<SyncResult>("Sync", channel, 0L, timeout.Token);
        Assert.Equal([1L, 2L], synced.Messages.Select(m => m.Seq));
    }

    private static async Task<(T First, T Second)> TwiceAsync<T>(Func<Task<T>> call) => (await call(), await call());

    private static async Task<((HttpStatusCode First, HttpStatusCode Second) Statuses, JsonElement First, JsonElement Second)> TwiceAsync(
        Func<Task<HttpResponseMessage>> call)
    {
        using var first = await call();
        using var second = await call();
        return ((first.StatusCode, second.StatusCode), await BodyAsync(first), await BodyAsync(second));
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
}
