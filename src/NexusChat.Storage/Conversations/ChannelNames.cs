namespace NexusChat.Storage.Conversations;

/// <summary>
/// How both providers compare channel names for the public channel directory: by a stored upper-invariant copy of the
/// name, the same folding usernames get, so a case-insensitive prefix search is a plain range over an index.
/// </summary>
internal static class ChannelNames
{
    public static string? Normalize(string? name) => name?.ToUpperInvariant();
}
