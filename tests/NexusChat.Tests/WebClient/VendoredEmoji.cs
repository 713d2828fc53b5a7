using System.Net;
using NexusChat.Tests.Browser;
using NexusChat.Web.Client.Features.Emoji;

namespace NexusChat.Tests.WebClient;

/// <summary>The emoji data the web client ships (wwwroot/lib/emoji-mart-data/emoji.json), read from the repository.</summary>
public static class VendoredEmoji
{
    public static string FilePath => TestArtifacts.InRepository("src", "NexusChat.Web.Client", "wwwroot", EmojiCatalog.DataPath);

    /// <summary>An HttpClient whose every GET answers with the vendored file, as the gateway serves it to the client.</summary>
    public static HttpClient HttpClient() => new(new FileHandler()) { BaseAddress = new Uri("http://client.test/") };

    private sealed class FileHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/" + EmojiCatalog.DataPath
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(await File.ReadAllBytesAsync(FilePath, cancellationToken)) { Headers = { ContentType = new("application/json") } } }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
