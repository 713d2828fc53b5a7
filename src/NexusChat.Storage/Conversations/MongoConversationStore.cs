using MongoDB.Driver;
using NexusChat.EventBus.Abstractions;
using NexusChat.EventBus.Abstractions.Outbox;
using NexusChat.Storage.Mongo.Contention;
using NexusChat.Storage.Outbox;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The MongoDB provider of <see cref="IConversationStore"/>, split by concern into partial files. Every change is a
/// multi-document transaction: the conversation document is the per-conversation counter (seq and version are $inc'ed
/// on it), so concurrent changes to one conversation on other replicas write-conflict there and the loser is retried
/// from the start after a jittered pause, reading what the winner committed; the outbox document commits with the change.
/// </summary>
/// <param name="backoff">How lost write conflicts are retried (<see cref="ConflictBackoff.System"/> when null).</param>
public sealed partial class MongoConversationStore(
    IMongoDatabase database, OutboxSignal? outboxSignal = null, ConflictBackoff? backoff = null) : IConversationStore
{
    private readonly ConflictBackoff _backoff = backoff ?? ConflictBackoff.System;

    internal const string ConversationsCollection = "conversations";
    internal const string MembersCollection = "members";
    internal const string MessagesCollection = "messages";
    internal const string DirectKeyField = "directKey";
    internal const string TypeField = "type";
    internal const string VisibilityField = "visibility";
    internal const string NameField = "name";
    internal const string NormalizedNameField = "normalizedName";
    internal const string ConversationIdField = "conversationId";
    internal const string UserIdField = "userId";
    internal const string SenderIdField = "senderId";
    internal const string SeqField = "seq";
    internal const string TextField = "text";
    internal const string ClientMessageIdField = "clientMessageId";
    internal const string VersionField = "version";
    internal const string AttachmentsField = "attachments";
    internal const string FileIdField = "fileId";
    internal const string ThreadIdField = "threadId";
    internal const string JoinSeqField = "joinSeq";
    internal const string LastJoinSeqField = "lastJoinSeq";

    private static readonly TransactionOptions Transaction =
        new(readConcern: ReadConcern.Snapshot, writeConcern: WriteConcern.WMajority);

    private readonly IMongoCollection<ConversationDocument> _conversations =
        database.GetCollection<ConversationDocument>(ConversationsCollection);

    private readonly IMongoCollection<MemberDocument> _members = database.GetCollection<MemberDocument>(MembersCollection);
    private readonly IMongoCollection<MessageDocument> _messages = database.GetCollection<MessageDocument>(MessagesCollection);
    private readonly IMongoCollection<OutboxDocument> _outbox = database.GetCollection<OutboxDocument>(MongoOutbox.CollectionName);

    private readonly ConversationWriteGate _gate = new();

    /// <summary>
    /// Runs <paramref name="work"/> as one transaction that touches the conversation <paramref name="key"/> names,
    /// after this process's earlier writers to it (see <see cref="ConversationWriteGate"/>), retrying lost write
    /// conflicts with back-off; a change that cannot commit within the budget throws <see cref="ConversationBusyException"/>.
    /// </summary>
    private async Task<T> InTransactionAsync<T>(
        string key, Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var startedAt = _backoff.Clock.GetTimestamp();
        using var turn = await _gate.EnterAsync(key, ConflictBackoff.Budget, cancellationToken) ?? throw ConflictBackoff.Busy(key);
        using var session = await database.Client.StartSessionAsync(cancellationToken: cancellationToken);
        var result = await _backoff.RunAsync(
            key, startedAt, token => MongoTransaction.RunOnceAsync(session, Transaction, work, token), MongoTransaction.IsConflict, cancellationToken);
        outboxSignal?.Written();
        return result;
    }

    private Task AppendAsync(IClientSessionHandle session, IntegrationEvent @event, CancellationToken cancellationToken) =>
        _outbox.InsertOneAsync(session, OutboxDocument.From(OutboxMessage.For(@event)), cancellationToken: cancellationToken);

    private static bool IsDuplicateKey(MongoWriteException e) => e.WriteError.Category == ServerErrorCategory.DuplicateKey;

    private static string NewId() => Guid.NewGuid().ToString("N");

    // BSON keeps milliseconds; records leave the store as they will read back later.
    private static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
