namespace NexusChat.Api.Uploads;

/// <summary>An upload as every replica sees it in Redis. <see cref="FileId"/> is set once it completed.</summary>
public sealed record UploadRecord(
    string Id, string OwnerId, long Length, long Offset, DateTimeOffset ExpiresAt, string? FileName, string? FileType,
    string? FileId)
{
    public bool IsComplete => FileId is not null;
}
