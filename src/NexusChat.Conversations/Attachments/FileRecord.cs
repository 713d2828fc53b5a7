namespace NexusChat.Conversations.Attachments;

/// <summary>A completed upload: the file a message can carry as an attachment, sent by its owner only.</summary>
/// <param name="Name">As the uploader named it (tus metadata "filename"); null when they did not.</param>
/// <param name="ContentType">As the uploader declared it (tus metadata "filetype"); null when they did not.</param>
public sealed record FileRecord(
    string Id, string OwnerId, string? Name, string? ContentType, long Size, string Sha256, DateTimeOffset CreatedAt);
