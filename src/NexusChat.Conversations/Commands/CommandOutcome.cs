namespace NexusChat.Conversations.Commands;

/// <summary>
/// What a conversation command came to. The REST api and the hub each turn it into their own answer (a status with a
/// ProblemDetails, a typed hub error); neither decides anything itself.
/// </summary>
public abstract record CommandOutcome
{
    public sealed record Done<T>(T Value) : CommandOutcome;

    public sealed record Invalid(string Field, string Message) : CommandOutcome;

    /// <summary>Does not exist for the caller (unknown, or private and not theirs): <paramref name="What"/> names it.</summary>
    public sealed record NotFound(string What) : CommandOutcome;

    /// <summary>The caller sees it but may not do this (a previewer of a public channel, someone else's message).</summary>
    public sealed record Forbidden(string Reason) : CommandOutcome;

    /// <summary>The message was deleted: a tombstone takes no edits or reactions.</summary>
    public sealed record MessageDeleted : CommandOutcome;

    /// <summary>The message already carries the most different emoji it may; existing ones can still be added to.</summary>
    public sealed record TooManyReactions(int Limit) : CommandOutcome;

    /// <summary>A call's history message: the service writes it, nobody edits or deletes it.</summary>
    public sealed record CallMessage : CommandOutcome;

    public static readonly CommandOutcome ConversationNotFound = new NotFound("conversation");
    public static readonly CommandOutcome MessageNotFound = new NotFound("message");
    public static readonly CommandOutcome JoinFirst = new Forbidden("Join the channel first.");
}
