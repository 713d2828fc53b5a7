using NexusChat.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

// Clusters and destinations come from configuration (the AppHost sets one destination per replica);
// destination addresses such as http://api-1 are resolved by service discovery.
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();

var app = builder.Build();

app.UseWebSockets();
app.MapDefaultEndpoints();
app.MapReverseProxy();

app.UseBlazorFrameworkFiles();
app.MapStaticAssets();
app.MapFallbackToFile("index.html");

app.Run();
