using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using NexusChat.Client.Rest;
using NexusChat.Web.Client;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Calls;
using NexusChat.Web.Client.Features.Chat;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Emoji;
using NexusChat.Web.Client.Features.Files;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.Notifications;
using NexusChat.Web.Client.Features.People;
using NexusChat.Web.Client.Features.Realtime;
using NexusChat.Web.Client.Features.Threads;
using NexusChat.Web.Client.Shared;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// Same origin as the gateway: /api and /hubs are proxied by NexusChat.Web, so no CORS is involved.
// In WebAssembly a scoped service lives as long as the tab, like a singleton.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<BrowserInterop>();
builder.Services.AddScoped<IBrowserStorage>(services => services.GetRequiredService<BrowserInterop>());
builder.Services.AddScoped<PendingSendStore>();
builder.Services.AddScoped<DraftStore>();
builder.Services.AddScoped<NotificationInterop>();
builder.Services.AddScoped<NotificationCenter>();
builder.Services.AddScoped<FileInterop>();
builder.Services.AddScoped<EditingInterop>();
builder.Services.AddScoped<EmojiCatalog>();
builder.Services.AddScoped<RecentEmoji>();
builder.Services.AddScoped<AuthenticatedFiles>();
builder.Services.AddScoped<AuthSession>();
builder.Services.AddScoped<IAccessTokenSource>(services => services.GetRequiredService<AuthSession>());
builder.Services.AddScoped<RestTransport>();
builder.Services.AddScoped<UsersClient>();
builder.Services.AddScoped<ConversationsClient>();
builder.Services.AddScoped<MessagesClient>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<UserDirectory>();
builder.Services.AddScoped<AvatarImages>();
builder.Services.AddScoped<PresenceTracker>();
builder.Services.AddScoped<TypingTracker>();
builder.Services.AddScoped<ConversationList>();
builder.Services.AddScoped<RealtimeConnection>();
builder.Services.AddScoped<ChatWorkspace>();
builder.Services.AddScoped<CallsClient>();
builder.Services.AddScoped<CallInterop>();
builder.Services.AddScoped<CallSession>();
builder.Services.AddScoped(services =>
{
    var js = services.GetRequiredService<IJSRuntime>();
    return new ThreadReadState(
        key => js.InvokeAsync<string?>("localStorage.getItem", key).AsTask(), (key, value) => js.InvokeVoidAsync("localStorage.setItem", key, value).AsTask());
});

await builder.Build().RunAsync();
