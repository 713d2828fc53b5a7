namespace NexusChat.Storage.Accounts;

/// <summary>A user's profile picture as stored: small (a 128 px square), so it lives with the account, not in the file store.</summary>
/// <param name="Version">Derived from the content (its sha256, shortened): the ETag, and what clients compare to refetch only on change.</param>
public sealed record UserAvatar(string Version, string ContentType, byte[] Content);
