namespace NexusChat.Web.Client.Features.Calls;

/// <summary>How the remote participants' tiles are laid out: one fills the view, more share a grid that stays near square.</summary>
public static class CallTileLayout
{
    /// <summary>Columns for <paramref name="tiles"/> tiles: 1 → 1, 2 → 2, 3–4 → 2, 5–6 → 3.</summary>
    public static int Columns(int tiles) => tiles switch
    {
        <= 1 => 1,
        <= 4 => 2,
        _ => 3,
    };

    /// <summary>The grid's CSS class (the CSP allows no inline styles).</summary>
    public static string GridClass(int tiles) => $"call-grid cols-{Columns(tiles)}";
}
