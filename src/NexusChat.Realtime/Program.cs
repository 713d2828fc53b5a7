using NexusChat.Contracts.Hosting;
using NexusChat.EventBus.Configuration;
using NexusChat.Identity;
using NexusChat.Realtime.Delivery;
using NexusChat.Realtime.Hubs;
using NexusChat.Realtime.Presence;
using NexusChat.ServiceDefaults;
using NexusChat.ServiceDefaults.Networking;
using NexusChat.Storage;
using NexusChat.Storage.Conversations.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddRedisDependency();
builder.AddMessagingDependency();
builder.AddNexusChatIdentity();
builder.AddChatHub();
builder.AddPresence();
// Changes saved through the api reach hub clients as events relayed from the store's outbox.
builder.AddEventBus(ResourceNames.Realtime)
    .AddSubscription<MessageCreated, MessageCreatedHandler>()
    .AddSubscription<MessageEdited, MessageChangedHandler>()
    .AddSubscription<MessageDeleted, MessageChangedHandler>()
    .AddSubscription<ReactionChanged, MessageChangedHandler>()
    .AddSubscription<AttachmentPreviewChanged, MessageChangedHandler>()
    .AddSubscription<MessageCallChanged, MessageChangedHandler>()
    .AddSubscription<ReadStateChanged, ReadStateChangedHandler>()
    .AddSubscription<ConversationCreated, ConversationChangedHandler>()
    .AddSubscription<ConversationUpdated, ConversationChangedHandler>()
    .AddSubscription<MemberAdded, ConversationChangedHandler>()
    .AddSubscription<MemberRemoved, ConversationChangedHandler>()
    .AddSubscription<MemberRoleChanged, ConversationChangedHandler>()
    .AddSubscription<MemberMuteChanged, ConversationChangedHandler>();

var app = builder.Build();

// The gateway (YARP) says who the client is; the per-address connection limit counts that address.
app.UseTrustedForwardedHeaders(trustLoopback: true);
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapChatHub();

app.Run();
