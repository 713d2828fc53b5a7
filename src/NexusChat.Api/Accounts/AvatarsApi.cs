using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using NexusChat.Api.Errors;
using NexusChat.Api.Files;
using NexusChat.Contracts.Accounts;
using NexusChat.Identity;
using NexusChat.Imaging;
using NexusChat.Storage.Accounts;

namespace NexusChat.Api.Accounts;

/// <summary>
/// Profile pictures. One is set from a completed upload of the caller's: the bytes are decoded by the same code as the
/// attachment previews (magic bytes, 40 MP limit, downsampled decode) and re-encoded as a 128 px square, so what is
/// served is always our own small image, never the upload. No event announces a change: other clients see the new
/// <see cref="UserDto.AvatarVersion"/> when they next load the user.
/// </summary>
public static class AvatarsApi
{
    /// <summary>Larger uploads are refused unread: a picture for a 128 px square needs nothing like this.</summary>
    public const long MaxSourceBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAvatarsApi(this IEndpointRouteBuilder app)
    {
        var avatars = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();
        avatars.MapPut("/me/avatar", SetAvatar).WithName(nameof(SetAvatar))
            .WithSummary("Sets the caller's picture from a completed upload of theirs (PNG, JPEG, GIF or WebP, at most 40 MP and 16 MiB).");
        avatars.MapDelete("/me/avatar", RemoveAvatar).WithName(nameof(RemoveAvatar));
        avatars.MapGet("/{id}/avatar", GetAvatar).WithName(nameof(GetAvatar))
            .WithSummary("A user's picture (a 128 px square, image/webp or image/png); ETag is its version, and with ?v= equal to it the answer is cacheable for good.");
        return app;
    }

    public static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> SetAvatar(
        SetAvatarRequest request, HttpContext http, [AsParameters] AvatarServices services)
    {
        var userId = http.User.UserId();
        if (request.FileId is not { } fileId || await services.CompletedFiles.FindAsync(fileId) is not { } file || file.OwnerId != userId)
        {
            // Someone else's file answers as an unknown one: file ids are not for probing.
            return Problems.Invalid("fileId", "fileId is not the file id of a completed upload of yours.");
        }

        if (file.Size > MaxSourceBytes)
        {
            return ImageTooLarge($"The picture is {file.Size} bytes; it may be at most {MaxSourceBytes}.");
        }

        await using var content = await services.Files.OpenReadAsync(file.Sha256, 0, null, http.RequestAborted);
        if (content is null)
        {
            return Problems.NotFound("file");
        }

        using var buffered = new MemoryStream((int)file.Size);
        await content.CopyToAsync(buffered, http.RequestAborted);
        switch (ImageThumbnailer.Make(buffered.ToArray(), ThumbnailShape.Avatar))
        {
            case Thumbnailed avatar:
                var version = Convert.ToHexStringLower(SHA256.HashData(avatar.Thumbnail))[..16];
                var updated = await services.Users.SetAvatarAsync(
                    userId, new UserAvatar(version, avatar.ThumbnailContentType, avatar.Thumbnail), http.RequestAborted);
                return updated is null ? Problems.NotFound("user") : TypedResults.Ok(updated.ToDto());
            case Refused { TooManyPixels: true } refused:
                return ImageTooLarge($"The picture is too large: {refused.Reason}.");
            case Refused refused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.NotAnImage,
                    title: "The file is not a PNG, JPEG, GIF or WebP image that decodes.", detail: refused.Reason);
            default:
                throw new InvalidOperationException("Unknown thumbnail result.");
        }
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> RemoveAvatar(HttpContext http, IUserStore users) =>
        await users.SetAvatarAsync(http.User.UserId(), null, http.RequestAborted) is { } updated
            ? TypedResults.Ok(updated.ToDto())
            : Problems.NotFound("user");

    /// <param name="v">The version the caller expects; when it is the current one the answer never changes.</param>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAvatar(
        string id, HttpContext http, IUserStore users, [FromQuery] string? v = null)
    {
        if (await users.FindAvatarAsync(id, http.RequestAborted) is not { } avatar)
        {
            return Problems.NotFound("avatar");
        }

        FilesApi.SetSafetyHeaders(http, v == avatar.Version ? "private, max-age=31536000, immutable" : "private, no-cache");
        return TypedResults.Bytes(avatar.Content, avatar.ContentType, entityTag: new EntityTagHeaderValue($"\"{avatar.Version}\""));
    }

    private static ProblemHttpResult ImageTooLarge(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ProblemTypes.ImageTooLarge, title: title);
}
