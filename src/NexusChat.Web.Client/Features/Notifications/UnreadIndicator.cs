using System.Globalization;

namespace NexusChat.Web.Client.Features.Notifications;

/// <summary>The unread total as the document title ("(3) NexusChat") and the favicon (the app icon with a red count).</summary>
public static class UnreadIndicator
{
    public const string AppName = "NexusChat";

    /// <summary>The icon in wwwroot/favicon.svg, kept here too so the badged copy is drawn from the same shapes.</summary>
    private const string Icon =
        """<rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M8 10h16v10H14l-5 4v-4H8z" fill="#fff"/>""";

    public static string Title(long unread) => unread > 0 ? $"({Count(unread)}) {AppName}" : AppName;

    /// <summary>What fits on a badge: the count, or "99+".</summary>
    public static string Count(long unread) => unread > 99 ? "99+" : unread.ToString(CultureInfo.InvariantCulture);

    /// <summary>The favicon as an SVG data URL; null at 0, meaning the plain favicon.svg.</summary>
    public static string? FaviconDataUrl(long unread)
    {
        if (unread <= 0)
        {
            return null;
        }

        var text = Count(unread);
        var fontSize = text.Length switch { 1 => 14, 2 => 11, _ => 8 };
        var svg = $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">{Icon}<circle cx="22" cy="10" r="10" fill="#dc2626"/><text x="22" y="10" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-weight="700" font-size="{fontSize}" fill="#fff">{text}</text></svg>""";
        return "data:image/svg+xml," + Uri.EscapeDataString(svg);
    }
}
