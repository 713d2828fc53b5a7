namespace NexusChat.Web.Client.Features.Conversations;

/// <summary>Reads a conversation id out of what someone pasted: a link to <c>/c/{id}</c>, or the bare id.</summary>
public static class ChannelLink
{
    public static string? IdFrom(string pasted)
    {
        var text = pasted.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var path = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsolutePath
            : text;
        var marker = path.LastIndexOf("/c/", StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(marker >= 0 ? path[(marker + 3)..] : path).Trim('/');
        return id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? id : null;
    }
}
