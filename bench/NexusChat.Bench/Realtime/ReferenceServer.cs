using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NexusChat.Bench.Realtime;

/// <summary>The <c>reference-server</c> mode: Kestrel on loopback with <see cref="ReferenceHub"/> at /hub, JSON only.</summary>
public static class ReferenceServer
{
    public const string Path = "/hub";
    public const string ReadyLine = "reference-server listening";

    public static async Task<int> RunAsync(string[] args)
    {
        var port = args is ["--port", var value] ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 5099;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<ReferenceHub>(Path);
        await app.StartAsync();
        Console.WriteLine($"{ReadyLine} on http://localhost:{port}{Path}");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
