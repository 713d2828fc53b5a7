namespace NexusChat.Web.Client.Features.Formatting;

/// <summary>
/// Which link targets a message may carry: absolute http, https and mailto URLs only. Markdig has already decoded
/// entities and escapes in the destination, so <c>&amp;#106;avascript:</c> arrives here as <c>javascript:</c> and is
/// refused like any other scheme (data:, vbscript:, file:, relative and protocol-relative URLs too).
/// </summary>
public static class SafeLinks
{
    private static readonly string[] AllowedSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    /// <summary>The URL to put in <c>href</c>, normalized; null when the link must render as text.</summary>
    public static string? Href(string? url)
    {
        // Browsers drop tabs and newlines inside URLs ("java\nscript:"); anything with controls is refused outright.
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl)
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || !AllowedSchemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }
}
