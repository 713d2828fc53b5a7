using Microsoft.AspNetCore.Identity;
using NexusChat.Api.Accounts;
using NexusChat.Api.Calls;
using NexusChat.Api.Conversations;
using NexusChat.Api.Errors;
using NexusChat.Api.Files;
using NexusChat.Api.OpenApi;
using NexusChat.Api.Status;
using NexusChat.Api.Telemetry;
using NexusChat.Conversations.Attachments;
using NexusChat.Conversations.Commands;
using NexusChat.Conversations.Live;
using NexusChat.Api.Turn;
using NexusChat.Api.Uploads;
using NexusChat.Identity;
using NexusChat.ServiceDefaults;
using NexusChat.ServiceDefaults.Networking;
using NexusChat.Storage;
using NexusChat.Storage.Accounts;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddChatStore();
builder.AddRedisDependency();
builder.AddMessagingDependency();
builder.AddTurnDependency();
builder.AddNexusChatIdentity();
// Changes saved here reach the members' hub connections at once through the Redis backplane, without hosting the hub.
builder.AddLiveDelivery();

builder.Services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
builder.Services.AddSingleton<ApiMetrics>();
builder.Services.AddSingleton<ConversationCommands>();
builder.Services.AddSingleton<CompletedFiles>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddExceptionHandler<ConversationBusyExceptionHandler>();
// Body-binding failures throw, so BadRequestExceptionHandler answers them with a ProblemDetails that says why.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
// Chat requests are small and uploads go through their own chunked endpoint (which lifts this limit), but the limit stays well above a
// few KB: a body under it is read whole and answered with a ProblemDetails, while one over it gets a bare 413 and
// a closed connection (Kestrel cannot drain it), which clients see as a broken pipe.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2 * 1024 * 1024);
builder.AddStatusApi();
builder.AddUploads();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());

var app = builder.Build();

// The gateway reports the client's address; rate limits key on it. Trusted: loopback (the gateway in a local run) and
// the proxies configured in NexusChat:TrustedProxies (the gateway's address when it runs on another host).
app.UseTrustedForwardedHeaders(trustLoopback: true);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<ApiRateLimitMiddleware>();
app.UseRateLimiter();

app.MapOpenApi("/api/openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern("/api/openapi/{documentName}.json"));
}

app.MapDefaultEndpoints();
app.MapStatusApi();
app.MapAuthApi();
app.MapUsersApi();
app.MapAvatarsApi();
app.MapConversationsApi();
app.MapMessagesApi();
app.MapSearchApi();
app.MapUploadsApi();
app.MapFilesApi();
app.MapCallsApi();

app.Run();
