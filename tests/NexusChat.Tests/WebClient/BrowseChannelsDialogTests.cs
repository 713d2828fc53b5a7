using System.Net;
using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NexusChat.Client.Rest;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Chat;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.People;
using NexusChat.Web.Client.Features.Realtime;

namespace NexusChat.Tests.WebClient;

/// <summary>The Browse channels dialog over a stubbed API: what it lists, how it searches, and joining.</summary>
public sealed class BrowseChannelsDialogTests : WebClientContext
{
    private static readonly UserDto Me = new("me", "me", "Me", "");
    private readonly StubApi _api = new();

    public BrowseChannelsDialogTests()
    {
        Services.AddSingleton(new HttpClient(_api) { BaseAddress = new Uri("http://chat.test/") });
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<AuthSession>();
        Services.AddScoped<IAccessTokenSource>(services => services.GetRequiredService<AuthSession>());
        Services.AddScoped<RestTransport>();
        Services.AddScoped<UsersClient>();
        Services.AddScoped<ConversationsClient>();
        Services.AddScoped<MessagesClient>();
        Services.AddScoped<UserDirectory>();
        Services.AddScoped<PresenceTracker>();
        Services.AddScoped<TypingTracker>();
        Services.AddScoped<ConversationList>();
        Services.AddScoped<RealtimeConnection>();
        Services.AddScoped<ChatWorkspace>();
    }

    [Fact]
    public async Task ItListsPublicChannelsWithJoinOrOpenAndTheirTopics()
    {
        _api.Directory = [Channel("c1", "general", "all hands", role: null), Channel("c2", "random", null, role: "member")];

        var dialog = await OpenAsync();

        var results = dialog.FindAll(".channel-results li");
        Assert.Equal(2, results.Count);
        Assert.Contains("general", results[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("all hands", results[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Join", results[0].QuerySelector("button")!.TextContent.Trim());
        Assert.Equal("Open", results[1].QuerySelector("button")!.TextContent.Trim());
        Assert.Equal("Search channels", dialog.Find("label").TextContent);
        Assert.Equal(dialog.Find("label").GetAttribute("for"), dialog.Find("input[type=search]").Id);
    }

    [Fact]
    public async Task EnterSearchesByNamePrefixAndShowMoreAppendsTheNextPage()
    {
        _api.Directory = [.. Enumerable.Range(0, 25).Select(i => Channel($"d{i:00}", $"dev-{i:00}", null, role: null))];
        var dialog = await OpenAsync();

        dialog.Find("input[type=search]").Input("  Dev ");
        await dialog.Find("form").SubmitAsync();
        dialog.WaitForAssertion(() => Assert.Equal(20, dialog.FindAll(".channel-results li").Count));
        await dialog.FindAll("button").Single(b => b.TextContent == "Show more channels").ClickAsync(new());

        dialog.WaitForAssertion(() => Assert.Equal(25, dialog.FindAll(".channel-results li").Count));
        Assert.Contains(_api.Requests, r => r.EndsWith("&search=Dev", StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.Contains("after=d19", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JoiningAddsMeAndOpensTheChannel()
    {
        _api.Directory = [Channel("c1", "general", null, role: null)];
        await Services.GetRequiredService<AuthSession>().SignInAsync("me", "password");
        var dialog = await OpenAsync();

        await dialog.Find(".channel-results li button").ClickAsync(new());

        Assert.Contains(_api.Requests, r => r.StartsWith("POST /api/conversations/c1/members", StringComparison.Ordinal));
        Assert.EndsWith("/c/c1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.NotNull(Services.GetRequiredService<ConversationList>().Find("c1"));
    }

    private async Task<IRenderedComponent<BrowseChannelsDialog>> OpenAsync()
    {
        var dialog = Render<BrowseChannelsDialog>();
        await Task.Yield();
        dialog.WaitForAssertion(() => Assert.NotEmpty(_api.Requests));
        return dialog;
    }

    private static ConversationDto Channel(string id, string name, string? topic, string? role) => new(
        id, ConversationKinds.Channel, name, topic, ConversationKinds.Public, "owner", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        0, 0, role, 0, 0, 0, null, null);

    /// <summary>The routes the dialog uses: the directory (name prefix, keyset by id), join, get and sign-in.</summary>
    private sealed class StubApi : HttpMessageHandler
    {
        public List<ConversationDto> Directory { get; set; } = [];

        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            lock (Requests)
            {
                Requests.Add($"{request.Method} {uri.PathAndQuery}");
            }

            var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
            object? answer = (request.Method.Method, uri.AbsolutePath) switch
            {
                ("GET", "/api/conversations/public") => DirectoryPage(query["search"] ?? "", query["after"], int.Parse(query["limit"]!)),
                ("POST", "/api/conversations/c1/members") => new MemberDto(Me.Id, "member", 0, DateTimeOffset.UnixEpoch),
                ("GET", "/api/conversations/c1") => Directory[0] with { MyRole = "member" },
                ("POST", "/api/auth/login") => new AuthResponse(Me, "access", "refresh", 900),
                _ => null,
            };
            return Task.FromResult(answer is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(answer, answer.GetType()) });
        }

        private Page<ConversationDto> DirectoryPage(string search, string? after, int limit)
        {
            var matching = Directory.Where(c => c.Name!.StartsWith(search, StringComparison.OrdinalIgnoreCase)).ToList();
            var from = after is null ? 0 : matching.FindIndex(c => c.Id == after) + 1;
            var page = matching.Skip(from).Take(limit).ToList();
            return new Page<ConversationDto>(page, from + limit < matching.Count ? page[^1].Id : null);
        }
    }
}
