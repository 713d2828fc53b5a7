namespace NexusChat.Storage.Conversations;

/// <summary>The one rule both providers apply when the worker sets an attachment's preview.</summary>
internal static class AttachmentPreviewChange
{
    /// <summary>
    /// The message's attachments with <paramref name="fileId"/>'s preview replaced, or null when there is nothing to
    /// change (no such attachment, or it already has this preview), which keeps a repeated event from bumping the version.
    /// </summary>
    public static IReadOnlyList<AttachmentRecord>? Apply(MessageRecord message, string fileId, AttachmentPreview preview)
    {
        if (!message.Attachments.Any(a => a.FileId == fileId && a.Preview != preview))
        {
            return null;
        }

        return [.. message.Attachments.Select(a => a.FileId == fileId ? a with { Preview = preview } : a)];
    }
}
