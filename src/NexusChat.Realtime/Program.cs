using NexusChat.Identity;
using NexusChat.Realtime.Hubs;
using NexusChat.ServiceDefaults;
using NexusChat.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddRedisDependency();
builder.AddMessagingDependency();
builder.AddNexusChatIdentity();
builder.AddChatHub();

var app = builder.Build();

app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapHub<ChatHub>(ChatHub.Path);

app.Run();
