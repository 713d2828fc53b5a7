namespace NexusChat.Storage.Conversations;

/// <summary>A direct conversation or a channel as stored.</summary>
/// <param name="Type"><see cref="ConversationTypes.Direct"/> or <see cref="ConversationTypes.Channel"/>.</param>
/// <param name="Name">The channel's name; null for a direct conversation.</param>
/// <param name="Visibility"><see cref="ChannelVisibility.Public"/> or <see cref="ChannelVisibility.Private"/>; null for direct.</param>
/// <param name="LastSeq">The seq of the newest message; 0 before the first one.</param>
/// <param name="Version">
/// The conversation's message change cursor: every message create, edit, delete and reaction change adds one and
/// stamps the changed message with the new value, so "messages with Version &gt; v" is everything a client that
/// last synced at v has not seen (see <see cref="IConversationStore.GetChangesSinceAsync"/>).
/// </param>
public sealed record ConversationRecord(
    string Id,
    string Type,
    string? Name,
    string? Topic,
    string? Visibility,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    long LastSeq,
    long Version);
