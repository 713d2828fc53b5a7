using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>The server as one <see cref="ConversationSession"/> reaches it; a seam so the session is tested without one.</summary>
public interface IConversationChannel
{
    /// <summary>The conversation; its members' names are looked up meanwhile.</summary>
    Task<ConversationDto> GetConversationAsync();

    Task JoinAsync(string myUserId);

    /// <summary>Lists a conversation just joined before the hub says so.</summary>
    void Adopt(ConversationDto conversation);

    /// <summary>Newest first: the latest messages, or those below <paramref name="beforeSeq"/>.</summary>
    Task<Page<MessageDto>> GetHistoryAsync(long? beforeSeq, int limit);

    /// <summary>A page of the thread of <paramref name="rootId"/>: the latest replies, or those below <paramref name="beforeSeq"/>.</summary>
    Task<ThreadPageDto> GetThreadAsync(string rootId, long? beforeSeq, int limit);

    /// <summary>
    /// Stores the message once per client message id, however often it is called with it; in the thread of its
    /// <see cref="TimelineMessage.ThreadId"/> when it has one.
    /// </summary>
    Task<MessageDto> SendAsync(TimelineMessage message);

    Task<MessageDto> EditAsync(string messageId, string text);

    Task<MessageDto> DeleteAsync(string messageId);

    Task<MessageDto> AddReactionAsync(string messageId, string emoji);

    Task<MessageDto> RemoveReactionAsync(string messageId, string emoji);

    /// <summary>Live messages are delivered after <paramref name="lastSeq"/>; changes after <paramref name="version"/>.</summary>
    void Track(long lastSeq, long version);

    Task MarkReadAsync(long seq);
}
