namespace NexusChat.Storage.Files;

/// <summary>A stored file: the sha256 of its content (lowercase hex), which is also its key, and its size in bytes.</summary>
public sealed record StoredFile(string Sha256, long Size);
