using NexusChat.Client.Rest;
using NexusChat.Web.Client.Features.Files;

namespace NexusChat.Web.Client.Features.People;

/// <summary>
/// Users' pictures as blob: URLs (the route needs the bearer token, like attached files), one fetch per user and
/// avatar version for the whole app: every message header and member row showing that user shares it. A new version
/// replaces (and releases) the old one.
/// </summary>
public sealed class AvatarImages(AuthenticatedFiles files)
{
    private readonly Dictionary<string, (string Version, Task<string?> Url)> _byUser = new(StringComparer.Ordinal);

    /// <summary>The picture's URL, or null when it cannot be had (then initials are shown).</summary>
    public Task<string?> UrlAsync(string userId, string version)
    {
        if (_byUser.TryGetValue(userId, out var known))
        {
            if (known.Version == version)
            {
                return known.Url;
            }

            _ = ReleaseAsync(known.Url);
        }

        var url = files.ObjectUrlAsync(UsersClient.AvatarPath(userId, version));
        _byUser[userId] = (version, url);
        return url;
    }

    private async Task ReleaseAsync(Task<string?> url)
    {
        if (await url is { } old)
        {
            await files.ReleaseAsync(old);
        }
    }
}
