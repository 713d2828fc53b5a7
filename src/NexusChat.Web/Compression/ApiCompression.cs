using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace NexusChat.Web.Compression;

/// <summary>
/// Compresses what the api answers (JSON) on its way through the gateway. Only <c>/api</c> goes through the
/// middleware: the client's files are precompressed at build time and served with their encoding by
/// MapStaticAssets, and <c>/hubs</c> carries WebSockets, which have nothing for the middleware to compress.
/// </summary>
public static class ApiCompression
{
    private static readonly PathString Api = "/api";

    // Responses that carry tokens. Over HTTPS, compressing a secret next to attacker-influenced input leaks it
    // through the response size (BREACH); these bodies are a few hundred bytes, so compression gains nothing.
    private static readonly PathString Auth = "/api/auth";

    public static IServiceCollection AddApiCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // The gateway may sit behind TLS; everything compressed here is non-secret JSON (see Auth above).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json"];
        });
        // Fastest: the api's answers are small and per request; the CPU goes to the chat, not to the last percent.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseApiCompression(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Api) && !context.Request.Path.StartsWithSegments(Auth),
            api => api.UseResponseCompression());
}
