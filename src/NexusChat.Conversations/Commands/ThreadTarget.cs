namespace NexusChat.Conversations.Commands;

/// <summary>Where a send goes besides its conversation: the thread of <paramref name="RootId"/>, and the main timeline too when asked.</summary>
public sealed record ThreadTarget(string RootId, bool AlsoToChannel)
{
    /// <summary>The target a request names; null for a top-level message (alsoToChannel without a thread changes nothing).</summary>
    public static ThreadTarget? From(string? threadId, bool alsoToChannel) => threadId is null ? null : new(threadId, alsoToChannel);
}
