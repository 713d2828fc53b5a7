using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NexusChat.Client.Rest;
using NexusChat.Web.Client.Features.Auth;
using NexusChat.Web.Client.Features.Chat;
using NexusChat.Web.Client.Features.Conversations;
using NexusChat.Web.Client.Features.Messages;
using NexusChat.Web.Client.Features.People;
using NexusChat.Web.Client.Features.Realtime;

namespace NexusChat.Tests.WebClient;

/// <summary>The services of the signed-in chat page over <see cref="PeopleApiStub"/>: what avatars (in messages and member lists), the profile and the switcher need.</summary>
public abstract class PeopleContext : WebClientContext
{
    protected PeopleContext()
    {
        Services.AddSingleton(new HttpClient(Api) { BaseAddress = new Uri("http://chat.test/") });
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddScoped<AuthSession>();
        Services.AddScoped<RestTransport>();
        Services.AddScoped<UsersClient>();
        Services.AddScoped<ConversationsClient>();
        Services.AddScoped<MessagesClient>();
        Services.AddScoped<UserDirectory>();
        Services.AddScoped<AvatarImages>();
        Services.AddScoped<PresenceTracker>();
        Services.AddScoped<TypingTracker>();
        Services.AddScoped<ConversationList>();
        Services.AddScoped<RealtimeConnection>();
        Services.AddScoped<ChatWorkspace>();
    }

    protected PeopleApiStub Api { get; } = new();
}
