using NexusChat.Contracts.Calls;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// Conversations, members, messages and read state. Every provider implements the same contract
/// (tests/…/Storage/ConversationStoreContractTests). Each change is one atomic write that also records its event in
/// the outbox (<see cref="EventBus.Abstractions.Outbox.IOutboxStore"/>), so an event exists exactly when its change does. Access rules
/// (who may do what) belong to the caller; the store enforces only what must hold across replicas.
/// </summary>
public interface IConversationStore
{
    /// <summary>Creates a channel whose creator is its owner and whose other given users are members.</summary>
    Task<ConversationRecord> CreateChannelAsync(NewChannel channel, CancellationToken cancellationToken);

    /// <summary>
    /// The one direct conversation of this unordered pair (a user with themself is a pair too), created on first
    /// use; of replicas creating it at once exactly one creates it and all return it.
    /// </summary>
    Task<Stored<ConversationRecord>> GetOrCreateDirectAsync(string userId, string otherUserId, CancellationToken cancellationToken);

    Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Changes the fields given (null leaves a field as it is); null when the conversation does not exist.</summary>
    Task<ConversationRecord?> UpdateConversationAsync(
        string conversationId, string? name, string? topic, CancellationToken cancellationToken);

    Task<MemberRecord?> GetMemberAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>The members in the order they joined.</summary>
    Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> members whose user id sorts after <paramref name="afterUserId"/> (null: from the first), by user id.</summary>
    Task<IReadOnlyList<MemberRecord>> ListMembersPageAsync(
        string conversationId, string? afterUserId, int limit, CancellationToken cancellationToken);

    Task<int> CountMembersAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> distinct users who share at least one conversation with the user (the user left
    /// out): one indexed query however many conversations the user is in.
    /// </summary>
    Task<IReadOnlyList<string>> ListContactsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the user with the role, with the history so far counted as read (LastReadSeq = the conversation's
    /// LastSeq); false when they already are a member (nothing changes) or the conversation does not exist.
    /// </summary>
    Task<bool> AddMemberAsync(string conversationId, string userId, string role, CancellationToken cancellationToken);

    /// <summary>False when the user was not a member.</summary>
    Task<bool> RemoveMemberAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>The member with the new role; null when the user is not a member.</summary>
    Task<MemberRecord?> SetRoleAsync(string conversationId, string userId, string role, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the member's own mute; the member as it is now, null when the user is not a member. Setting what is already
    /// set changes nothing and records no event.
    /// </summary>
    Task<MemberRecord?> SetMutedAsync(string conversationId, string userId, bool muted, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the message as the conversation's next seq, atomically across replicas; a thread reply
    /// (<see cref="NewMessage.ThreadId"/>, whose root the caller checked is a top-level message of the conversation) updates
    /// the root's <see cref="ThreadSummary"/> and version in the same write; a repeat of a
    /// (conversation, sender, client message id) returns the stored message with <see cref="Stored{T}.Created"/> false
    /// and changes nothing; another sender's message with the same client message id is no repeat. Null when the
    /// conversation does not exist.
    /// </summary>
    Task<Stored<MessageRecord>?> SendMessageAsync(NewMessage message, CancellationToken cancellationToken);

    Task<MessageRecord?> GetMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// The attachment with this file id when <paramref name="userId"/> is a member of a conversation in which a
    /// message (not deleted) carries it; null otherwise. The download's whole access rule, in one indexed lookup.
    /// </summary>
    Task<AttachmentRecord?> FindAttachmentForMemberAsync(string fileId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the preview of the message's attachment with <paramref name="fileId"/>, as a change of the message (a new
    /// version and an <see cref="Events.AttachmentPreviewChanged"/> event). Null when the message does not exist; the
    /// message is returned unchanged (same version, no event) when it is deleted, carries no such file, or the
    /// attachment already has this preview, so processing an event twice changes nothing.
    /// </summary>
    Task<MessageRecord?> SetAttachmentPreviewAsync(
        string conversationId, string messageId, string fileId, AttachmentPreview preview, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a call's history message (one sent with <see cref="NewMessage.Call"/>) forward to <paramref name="call"/>,
    /// as a change of the message (a new version and an <see cref="Events.MessageCallChanged"/> event), merged by
    /// <see cref="MessageCallChange"/>. Null when the message does not exist; it is returned unchanged (same version, no
    /// event) when it is no call message or <paramref name="call"/> is not ahead of what it says (a late or repeated update).
    /// </summary>
    Task<MessageRecord?> SetCallAsync(string conversationId, string messageId, MessageCallDto call, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the text and mentions and sets EditedAt. Null when the message does not exist; a deleted message is
    /// returned unchanged.
    /// </summary>
    Task<MessageRecord?> EditMessageAsync(
        string conversationId, string messageId, string text, IReadOnlyList<string> mentions, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves a tombstone: no text, mentions or reactions, Deleted set, seq kept (a thread root keeps its summary; a
    /// thread reply takes one off its root's reply count in the same write). Null when the message does not
    /// exist; deleting a tombstone again changes nothing.
    /// </summary>
    Task<MessageRecord?> DeleteMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the user's reaction unless present. A new emoji on a message that already has
    /// <see cref="ReactionLimits.MaxDistinctPerMessage"/> different ones is not added: the message is returned unchanged,
    /// without it (<see cref="ReactionLimits.Has"/> tells). Null when the message does not exist; a deleted message is
    /// returned unchanged.
    /// </summary>
    Task<MessageRecord?> AddReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken);

    /// <summary>Removes the user's reaction if present. Null when the message does not exist.</summary>
    Task<MessageRecord?> RemoveReactionAsync(
        string conversationId, string messageId, string userId, string emoji, CancellationToken cancellationToken);

    /// <summary>Messages with seq below <paramref name="beforeSeq"/> (all when null), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MessageRecord>> GetMessagesBeforeAsync(
        string conversationId, long? beforeSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Messages with seq above <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<MessageRecord>> GetMessagesAfterAsync(
        string conversationId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The replies in the thread of <paramref name="rootId"/>: with <paramref name="afterSeq"/> those above it, oldest
    /// first; otherwise those below <paramref name="beforeSeq"/> (all when null), newest first; at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<MessageRecord>> GetThreadRepliesAsync(
        string conversationId, string rootId, long? beforeSeq, long? afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The sync cursor: messages created, edited, deleted or re-reacted after the conversation's Version was
    /// <paramref name="sinceVersion"/>, in change order, each once in its latest state. A client stores the highest
    /// Version it has seen (or the conversation's Version when it loaded history) and asks again from there.
    /// </summary>
    Task<IReadOnlyList<MessageRecord>> GetChangesSinceAsync(
        string conversationId, long sinceVersion, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the member's LastReadSeq forward to <paramref name="seq"/> (capped at the conversation's LastSeq; never
    /// back) and returns the effective value; null when the user is not a member.
    /// </summary>
    Task<long?> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken);

    /// <summary>The user's conversations, most recently active first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ConversationSummary>> ListForUserAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The public channels whose name starts with <paramref name="namePrefix"/> compared case-insensitively (all of
    /// them when it is null or empty), ordered by that case-folded name and then by id, at most
    /// <paramref name="limit"/>. <paramref name="after"/> is the id of the last channel of the previous page; the page
    /// continues from that channel's current position, and is empty when it is not a public channel.
    /// </summary>
    Task<IReadOnlyList<ConversationRecord>> ListPublicChannelsAsync(
        string? namePrefix, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Messages that contain every word of <paramref name="query"/> (whole words, case-insensitive), from the
    /// conversations the user is a member of, not deleted, newest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<MessageRecord>> SearchAsync(string userId, string query, int limit, CancellationToken cancellationToken);
}
