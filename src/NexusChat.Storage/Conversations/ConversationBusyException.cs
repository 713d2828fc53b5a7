namespace NexusChat.Storage.Conversations;

/// <summary>
/// A change to a conversation could not commit within its time budget because other writers kept winning (MongoDB
/// write conflicts on the conversation's counters). Nothing was written; the caller may try again after
/// <see cref="RetryAfter"/>. REST answers it with 503 and the hub with a typed <c>busy</c> error, never a 500.
/// </summary>
public sealed class ConversationBusyException(string key, TimeSpan retryAfter, Exception? lastConflict = null)
    : Exception($"Conversation {key} is too busy to take the change now; retry after {retryAfter.TotalSeconds:0.#} s.", lastConflict)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
