using NexusChat.ServiceDefaults;
using NexusChat.ServiceDefaults.Networking;
using NexusChat.Web.Balancing;
using NexusChat.Web.Compression;
using NexusChat.Web.Health;
using NexusChat.Web.Limits;
using NexusChat.Web.Security;
using Yarp.ReverseProxy.LoadBalancing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddProblemDetails();
builder.WebHost.ConfigureGatewayLimits();
builder.Services.AddApiCompression();

// Clusters and destinations come from configuration (the AppHost sets one destination per replica);
// destination addresses such as http://api-1 are resolved by service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();
// The api cluster's policy (appsettings.json): least requests, ties taken in turn.
builder.Services.AddSingleton<ILoadBalancingPolicy, LeastRequestsRoundRobinPolicy>();
builder.AddClusterHealthChecks();
builder.Services.AddPassiveHealthWindow();

var app = builder.Build();

// The client's address, which YARP passes on as X-Forwarded-For (replacing whatever the client sent): the
// connection's peer, or what a proxy configured in NexusChat:TrustedProxies (a load balancer in front) reports.
app.UseTrustedForwardedHeaders(trustLoopback: false);
// First, so that every response gets the headers: pages, files, proxied answers and the gateway's own errors.
app.UseSecurityHeaders();
// Errors the gateway raises itself (an oversized body, a dead cluster) are ProblemDetails like the api's.
app.UseStatusCodePages();
app.UseApiCompression();
app.UseWebSockets();
// /alive for anyone; the detailed /health and /metrics only on the management port, which the AppHost never exposes.
app.MapDefaultEndpoints();
app.MapReverseProxy();

// The WebAssembly client's files (framework included, fingerprinted and precompressed) come from the
// static web assets manifest; every other path is a client-side route.
app.MapStaticAssets();
app.MapFallbackToFile("index.html");

app.Run();
