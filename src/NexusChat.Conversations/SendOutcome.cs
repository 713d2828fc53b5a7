using NexusChat.Storage.Conversations;

namespace NexusChat.Conversations;

/// <summary>What a send came to; the REST api and the hub each turn it into their own answer.</summary>
public abstract record SendOutcome
{
    /// <summary>Stored now (<see cref="Stored{T}.Created"/>) or found stored by an earlier send with the same client message id.</summary>
    public sealed record Sent(Stored<MessageRecord> Message) : SendOutcome;

    public sealed record Invalid(string Field, string Message) : SendOutcome;

    /// <summary>The conversation does not exist for the sender.</summary>
    public sealed record NotFound : SendOutcome;

    /// <summary>The sender sees the conversation (a public channel) but is not a member.</summary>
    public sealed record NotAMember : SendOutcome;
}
