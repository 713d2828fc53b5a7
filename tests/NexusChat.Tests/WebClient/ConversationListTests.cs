using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.People;

namespace NexusChat.Tests.WebClient;

/// <summary>The sidebar's order and badges, as hub events change them (the list itself comes from a stubbed API).</summary>
public sealed class ConversationListTests : WebClientContext
{
    private const string Me = "me";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private async Task<ConversationList> LoadAsync(params ConversationDto[] conversations)
    {
        var http = new HttpClient(new StubApi(new Page<ConversationDto>(conversations, null))) { BaseAddress = new Uri("http://chat.test/") };
        Services.AddSingleton(http);
        Services.AddScoped<AuthSession>();
        Services.AddScoped<IAccessTokenSource>(s => s.GetRequiredService<AuthSession>());
        Services.AddScoped<RestTransport>();
        Services.AddScoped<UsersClient>();
        Services.AddScoped<ConversationsClient>();
        Services.AddScoped<UserDirectory>();
        Services.AddScoped<ConversationList>();
        var list = Services.GetRequiredService<ConversationList>();
        await list.LoadAsync();
        return list;
    }

    private static ConversationDto Channel(string id, int minutes, long lastSeq = 3, long unread = 0, long mentions = 0) => new(
        id, ConversationKinds.Channel, id, null, ConversationKinds.Public, "owner", Start, Start.AddMinutes(minutes), lastSeq, lastSeq,
        MemberRoleNames.Member, lastSeq - unread, unread, mentions, null, null);

    private static MessageDto Message(string conversationId, long seq, string sender, params string[] mentions) => new(
        $"{conversationId}-{seq}", conversationId, seq, sender, "hello", Start.AddHours(1).AddMinutes(seq), null, false, null, mentions, [],
        $"c-{seq}", [], seq);

    [Fact]
    public async Task ConversationsAreOrderedByLastActivityAndANewMessageMovesOneToTheTop()
    {
        var list = await LoadAsync(Channel("older", 1), Channel("newer", 5));
        Assert.Equal(["newer", "older"], list.Ordered.Select(e => e.Id));

        list.OnMessage(Message("older", 4, "ana"), Me, beingRead: false);

        Assert.Equal(["older", "newer"], list.Ordered.Select(e => e.Id));
    }

    [Fact]
    public async Task MessagesFromOthersCountAsUnreadAndMentionsOfMeAreCountedApart()
    {
        var list = await LoadAsync(Channel("general", 1));

        list.OnMessage(Message("general", 4, "ana"), Me, beingRead: false);
        list.OnMessage(Message("general", 5, "ana", Me), Me, beingRead: false);

        var entry = list.Find("general")!;
        Assert.Equal(2, entry.Unread);
        Assert.Equal(1, entry.Mentions);
    }

    [Fact]
    public async Task AThreadOnlyReplyAddsNoUnreadUnlessItMentionsMeAndIsNotTheLastMessage()
    {
        var list = await LoadAsync(Channel("general", 1));
        var shown = Message("general", 4, "ana");
        list.OnMessage(shown, Me, beingRead: false);

        list.OnMessage(Message("general", 5, "ana") with { ThreadId = "general-4" }, Me, beingRead: false);
        list.OnMessage(Message("general", 6, "ana", Me) with { ThreadId = "general-4" }, Me, beingRead: false);
        var alsoInChannel = Message("general", 7, "ana") with { ThreadId = "general-4", AlsoToChannel = true };
        list.OnMessage(alsoInChannel, Me, beingRead: false);

        var entry = list.Find("general")!;
        Assert.Equal((2, 1), (entry.Unread, entry.Mentions));
        Assert.Equal(alsoInChannel.Id, entry.Conversation.LastMessage!.Id);
        Assert.Equal(7, entry.Conversation.LastSeq);
    }

    [Fact]
    public async Task MyOwnMessagesAndTheOpenConversationAddNoBadge()
    {
        var list = await LoadAsync(Channel("general", 1));

        list.OnMessage(Message("general", 4, Me), Me, beingRead: false);
        list.OnMessage(Message("general", 5, "ana", Me), Me, beingRead: true);

        Assert.Equal(0, list.Find("general")!.Unread);
        Assert.Equal(0, list.Find("general")!.Mentions);
    }

    [Fact]
    public async Task ReadToTheEndOnAnotherDeviceClearsTheBadge()
    {
        var list = await LoadAsync(Channel("general", 1, lastSeq: 9, unread: 4, mentions: 2));

        var needsReload = list.OnReadState(new ReadStateDto("general", Me, 9));

        Assert.False(needsReload);
        Assert.Equal(0, list.Find("general")!.Unread);
        Assert.Equal(0, list.Find("general")!.Mentions);
    }

    [Fact]
    public async Task ReadPartwayAsksForAReloadBecauseOnlyTheServerCanCount()
    {
        var list = await LoadAsync(Channel("general", 1, lastSeq: 9, unread: 4));

        Assert.True(list.OnReadState(new ReadStateDto("general", Me, 7)));
        Assert.Equal(4, list.Find("general")!.Unread);
    }

    private sealed class StubApi(Page<ConversationDto> conversations) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == "/api/conversations"
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(conversations) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
