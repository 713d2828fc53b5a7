using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NexusChat.Api.Errors;
using NexusChat.Identity;
using NexusChat.Storage.Conversations;
using NexusChat.Storage.Files;

namespace NexusChat.Api.Files;

/// <summary>
/// Downloads of attached files and their thumbnails. Access: the caller is a member of a conversation in which a
/// message (not deleted) carries the file; everyone else gets the same 404 as for an unknown id. Ranges, ETag (the
/// sha256) and conditional requests are ASP.NET's own file-result processing over the file store's stream.
/// </summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/files/{id}", DownloadFile).WithTags("Files").RequireAuthorization().WithName(nameof(DownloadFile))
            .WithSummary("Download an attached file (Range and If-None-Match supported); members of a conversation it was sent to only.");
        app.MapGet("/api/files/{id}/thumbnail", DownloadThumbnail).WithTags("Files").RequireAuthorization().WithName(nameof(DownloadThumbnail))
            .WithSummary("The thumbnail (image/webp or image/png, at most 320 px) of an attached image whose preview is ready; same access as the download.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadFile(
        string id, HttpContext http, IConversationStore conversations, IFileStore files)
    {
        var attachment = await conversations.FindAttachmentForMemberAsync(id, http.User.UserId(), http.RequestAborted);
        if (attachment is null || await files.OpenReadAsync(attachment.Sha256, 0, null, http.RequestAborted) is not { } content)
        {
            return Problems.NotFound("file");
        }

        // Cached by the member's browser only, and checked again each time: access ends when the message is deleted.
        SetSafetyHeaders(http, "private, no-cache");
        var image = SafeContentTypes.ImageOrNull(attachment.ContentType);
        return TypedResults.Stream(
            content,
            contentType: image ?? SafeContentTypes.Download,
            // A download name makes it Content-Disposition: attachment; safe images alone may show inline.
            fileDownloadName: image is null ? SafeContentTypes.DownloadName(attachment.Name) : null,
            entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""),
            enableRangeProcessing: true);
    }

    /// <summary>
    /// The worker's thumbnail (made from the sniffed image, re-encoded by us, so its type is known) once the preview is
    /// ready; 404 before that, for files with no preview, and for callers who may not download the file.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadThumbnail(
        string id, HttpContext http, IConversationStore conversations, IFileStore files)
    {
        var attachment = await conversations.FindAttachmentForMemberAsync(id, http.User.UserId(), http.RequestAborted);
        if (attachment?.Preview is not { IsReady: true } preview
            || await files.OpenReadAsync(preview.ThumbnailSha256!, 0, null, http.RequestAborted) is not { } content)
        {
            return Problems.NotFound("thumbnail");
        }

        // A thumbnail never changes (content-addressed), so the browser keeps it a day without asking again.
        SetSafetyHeaders(http, "private, max-age=86400");
        return TypedResults.Stream(
            content, contentType: preview.ThumbnailContentType, entityTag: new EntityTagHeaderValue($"\"{preview.ThumbnailSha256}\""));
    }

    /// <summary>For any stored bytes served back (files, thumbnails, avatars).</summary>
    internal static void SetSafetyHeaders(HttpContext http, string cacheControl)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Even a file a browser opened by mistake runs nothing and loads nothing.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = cacheControl;
    }
}
