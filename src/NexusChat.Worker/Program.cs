using NexusChat.ServiceDefaults;
using NexusChat.Storage;

// The worker serves HTTP only for its health, liveness and metrics endpoints; its work arrives over RabbitMQ.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddMessagingDependency();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
