using NexusChat.Client.Rest;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Conversations;

/// <summary>
/// What the Browse channels dialog lists: the public directory for the current search, page by page, or the one
/// channel a pasted link points to. Each search starts a new generation, so a slower answer to an older search or
/// "show more" never lands in the newer results.
/// </summary>
public sealed class ChannelDirectory(ConversationsClient api)
{
    public const int PageSize = 20;

    private readonly List<ConversationDto> _channels = [];
    private string _search = string.Empty;
    private string? _next;
    private int _generation;

    public IReadOnlyList<ConversationDto> Channels => _channels;

    /// <summary>The search the results are for (trimmed); empty for every public channel.</summary>
    public string Search => _search;

    public bool HasMore => _next is not null;

    /// <summary>
    /// Replaces the results: a pasted channel link shows that channel (when the caller may see it), anything else
    /// is a name prefix for the directory.
    /// </summary>
    public async Task SearchAsync(string text, CancellationToken cancellationToken = default)
    {
        var generation = ++_generation;
        var search = text.Trim();
        if (LinkedId(search) is { } id)
        {
            var channel = await api.GetAsync(id, cancellationToken);
            Replace(generation, search, channel.Type == ConversationKinds.Channel ? [channel] : [], null);
            return;
        }

        var page = await api.ListPublicChannelsAsync(search, null, PageSize, cancellationToken);
        Replace(generation, search, page.Items, page.Next);
    }

    public async Task LoadMoreAsync(CancellationToken cancellationToken = default)
    {
        if (_next is null)
        {
            return;
        }

        var generation = _generation;
        var page = await api.ListPublicChannelsAsync(_search, _next, PageSize, cancellationToken);
        if (generation == _generation)
        {
            // A channel renamed between pages can come round again; it is listed once.
            _channels.AddRange(page.Items.Where(c => _channels.TrueForAll(known => known.Id != c.Id)));
            _next = page.Next;
        }
    }

    /// <summary>Records that the caller joined, so the channel offers Open from now on.</summary>
    public void Joined(string channelId, string role)
    {
        var at = _channels.FindIndex(c => c.Id == channelId);
        if (at >= 0)
        {
            _channels[at] = _channels[at] with { MyRole = role };
        }
    }

    // Only a full http(s) link counts: a bare word is a channel name prefix, even one that looks like an id.
    private static string? LinkedId(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? ChannelLink.IdFrom(text)
            : null;

    private void Replace(int generation, string search, IReadOnlyList<ConversationDto> channels, string? next)
    {
        if (generation != _generation)
        {
            return;
        }

        _search = search;
        _channels.Clear();
        _channels.AddRange(channels);
        _next = next;
    }
}
