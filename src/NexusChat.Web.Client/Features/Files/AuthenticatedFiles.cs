using System.Net;
using NexusChat.Client.Rest;

namespace NexusChat.Web.Client.Features.Files;

/// <summary>
/// Attached files and thumbnails, which need the bearer token: an &lt;img src&gt; or a link would get 401. Fetched
/// with the token into blob: URLs (the CSP allows blob: images), renewing the token once on a 401 as REST does.
/// </summary>
public sealed class AuthenticatedFiles(FileInterop files, IAccessTokenSource tokens)
{
    public static string DownloadPath(string fileId) => $"api/files/{Uri.EscapeDataString(fileId)}";

    /// <summary>≤ 320 px; 404 until the worker made it.</summary>
    public static string ThumbnailPath(string fileId) => $"{DownloadPath(fileId)}/thumbnail";

    /// <summary>A blob: URL to show; null when the server refused it. Revoke it with <see cref="ReleaseAsync"/>.</summary>
    public async Task<string?> ObjectUrlAsync(string path)
    {
        var fetched = await files.FetchObjectUrlAsync(path, tokens.AccessToken);
        if (fetched is { Status: (int)HttpStatusCode.Unauthorized } && await tokens.TryRefreshAsync(CancellationToken.None))
        {
            fetched = await files.FetchObjectUrlAsync(path, tokens.AccessToken);
        }

        return fetched?.Url;
    }

    /// <summary>Saves the file under its name; false when the server refused it (it is gone, or access ended).</summary>
    public async Task<bool> DownloadAsync(string fileId, string fileName)
    {
        var status = await files.DownloadAsync(DownloadPath(fileId), tokens.AccessToken, fileName);
        if (status == (int)HttpStatusCode.Unauthorized && await tokens.TryRefreshAsync(CancellationToken.None))
        {
            status = await files.DownloadAsync(DownloadPath(fileId), tokens.AccessToken, fileName);
        }

        return status is >= 200 and < 300;
    }

    public Task ReleaseAsync(string url) => files.RevokeObjectUrlAsync(url);
}
