using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Messages;

namespace NexusChat.Tests.WebClient;

/// <summary>
/// A conversation's server for <see cref="ConversationSession"/> tests. History pages and send answers are handed out
/// by the test, so it decides what arrives when (e.g. a hub push between a send and its answer).
/// </summary>
internal sealed class FakeConversationChannel : IConversationChannel
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public ConversationDto Conversation { get; set; } = Channel(lastSeq: 0, myRole: "member");

    /// <summary>The page for a <c>before</c> cursor (null: the latest).</summary>
    public Func<long?, Task<Page<MessageDto>>> History { get; set; } = _ => Task.FromResult(new Page<MessageDto>([], null));

    public Func<TimelineMessage, Task<MessageDto>> Send { get; set; } = _ => throw new InvalidOperationException("No send expected.");

    public Func<string, MessageDto> Change { get; set; } = id => throw new InvalidOperationException($"No change of {id} expected.");

    /// <summary>The thread page for a root and a <c>before</c> cursor (null: the latest).</summary>
    public Func<string, long?, Task<ThreadPageDto>> Thread { get; set; } = (id, _) => throw new InvalidOperationException($"No thread of {id} expected.");

    public List<long?> HistoryRequests { get; } = [];

    public List<long?> ThreadRequests { get; } = [];

    public List<TimelineMessage> Sends { get; } = [];

    public List<(long LastSeq, long Version)> Tracked { get; } = [];

    public List<long> MarkedRead { get; } = [];

    public List<ConversationDto> Adopted { get; } = [];

    public static ConversationDto Channel(long lastSeq, string? myRole, long version = 0) =>
        new("conv", "channel", "general", null, "public", "ana", Now, Now, lastSeq, version, myRole, 0, 0, 0, null, []);

    public static MessageDto Stored(long seq, string clientId = "", long version = 0, string sender = "bo", string text = "hi") =>
        new($"m{seq}", "conv", seq, sender, text, Now, null, false, null, [], [], clientId.Length > 0 ? clientId : $"c{seq}", [],
            version == 0 ? seq : version);

    /// <summary>Newest first, as the API returns it.</summary>
    public static Page<MessageDto> Page(long from, long to, bool hasOlder) =>
        new([.. Enumerable.Range((int)from, (int)(to - from + 1)).Reverse().Select(seq => Stored(seq))], hasOlder ? $"{from}" : null);

    public Task<ConversationDto> GetConversationAsync() => Task.FromResult(Conversation);

    public Task<Page<MessageDto>> GetHistoryAsync(long? beforeSeq, int limit)
    {
        HistoryRequests.Add(beforeSeq);
        return History(beforeSeq);
    }

    public Task<ThreadPageDto> GetThreadAsync(string rootId, long? beforeSeq, int limit)
    {
        ThreadRequests.Add(beforeSeq);
        return Thread(rootId, beforeSeq);
    }

    public Task<MessageDto> SendAsync(TimelineMessage message)
    {
        Sends.Add(message);
        return Send(message);
    }

    public Task JoinAsync(string myUserId)
    {
        Conversation = Conversation with { MyRole = "member" };
        return Task.CompletedTask;
    }

    public void Adopt(ConversationDto conversation) => Adopted.Add(conversation);

    public Task<MessageDto> EditAsync(string messageId, string text) => Task.FromResult(Change(messageId));

    public Task<MessageDto> DeleteAsync(string messageId) => Task.FromResult(Change(messageId));

    public Task<MessageDto> AddReactionAsync(string messageId, string emoji) => Task.FromResult(Change(messageId));

    public Task<MessageDto> RemoveReactionAsync(string messageId, string emoji) => Task.FromResult(Change(messageId));

    public void Track(long lastSeq, long version) => Tracked.Add((lastSeq, version));

    public Task MarkReadAsync(long seq)
    {
        MarkedRead.Add(seq);
        return Task.CompletedTask;
    }
}
