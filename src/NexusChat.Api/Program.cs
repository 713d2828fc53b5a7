using NexusChat.Api.Status;
using NexusChat.Api.Turn;
using NexusChat.ServiceDefaults;
using NexusChat.Storage;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddRedisDependency();
builder.AddMessagingDependency();
builder.AddTurnDependency();

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi("/api/openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern("/api/openapi/{documentName}.json"));
}

app.MapDefaultEndpoints();
app.MapStatusApi();

app.Run();
