using System.Text.Json.Serialization;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// What the worker learned of an attached file: whether it has a preview (<see cref="PreviewStates"/>), the image's
/// size, and the thumbnail kept in the file store. The same for every message carrying the same bytes.
/// </summary>
/// <param name="ThumbnailSha256">The thumbnail's key in the file store; set when <paramref name="State"/> is ready.</param>
/// <param name="ThumbnailContentType">What the thumbnail is served as (image/webp, or image/png where WebP cannot be encoded).</param>
public sealed record AttachmentPreview(
    string State, int? Width = null, int? Height = null, string? ThumbnailSha256 = null, string? ThumbnailContentType = null)
{
    /// <summary>Not processed yet: the state of every attachment when its message is sent.</summary>
    public static readonly AttachmentPreview Pending = new(PreviewStates.Pending);

    /// <summary>Processed, and nothing to show: not an image, or one that is corrupt, hostile or too large.</summary>
    public static readonly AttachmentPreview None = new(PreviewStates.None);

    [JsonIgnore]
    public bool IsReady => State == PreviewStates.Ready && ThumbnailSha256 is not null && ThumbnailContentType is not null;
}
