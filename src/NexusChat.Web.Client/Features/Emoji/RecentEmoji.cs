using NexusChat.Web.Client.Shared;

namespace NexusChat.Web.Client.Features.Emoji;

/// <summary>
/// The emoji this browser picked lately, most recent first, kept in localStorage so they come first in the pickers
/// across reloads; filled up with common reactions while there are few.
/// </summary>
public sealed class RecentEmoji(EditingInterop editing)
{
    public const int MaxKept = 24;

    /// <summary>What the quick reaction row starts with before anything was picked.</summary>
    public static readonly IReadOnlyList<string> Defaults = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"];

    private List<string>? _recent;

    public IReadOnlyList<string> Recent => _recent ?? [];

    public async Task<IReadOnlyList<string>> LoadAsync()
    {
        _recent ??= [.. (await editing.ReadRecentAsync()).Distinct().Take(MaxKept)];
        return _recent;
    }

    /// <summary>The first <paramref name="count"/> of the recent emoji, then the defaults not among them.</summary>
    public IReadOnlyList<string> Quick(int count) => Recent.Concat(Defaults).Distinct().Take(count).ToList();

    public async Task UseAsync(string emoji)
    {
        var recent = await LoadAsync();
        _recent = [emoji, .. recent.Where(e => e != emoji).Take(MaxKept - 1)];
        await editing.WriteRecentAsync(_recent);
    }
}
