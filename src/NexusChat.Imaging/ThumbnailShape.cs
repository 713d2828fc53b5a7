namespace NexusChat.Imaging;

/// <summary>What <see cref="ImageThumbnailer"/> makes of an image.</summary>
/// <param name="Side">The longer side's most (fit), or the side of the square (crop).</param>
/// <param name="Square">True: the centre square of the image, scaled to <paramref name="Side"/> (avatars); false: the whole image fitted within it.</param>
public sealed record ThumbnailShape(int Side, bool Square)
{
    /// <summary>Attachment previews: the whole image, at most 320 px on its longer side.</summary>
    public static ThumbnailShape Preview { get; } = new(320, Square: false);

    /// <summary>Avatars: the centre square at 128 px, sharp at twice the largest size the web client shows (64 px).</summary>
    public static ThumbnailShape Avatar { get; } = new(128, Square: true);
}
