namespace NexusChat.Conversations.Live;

/// <summary>
/// Each conversation is a SignalR group holding its members' connections on every replica. A new message is then one
/// backplane publish per conversation, fanned out by each replica to its own connections, instead of one publish per
/// member (100 per message in a 100-member channel).
/// </summary>
public static class ConversationGroups
{
    /// <summary>How many of a user's conversations a new connection joins; the least active beyond it are left out.</summary>
    public const int MaxPerConnection = 1000;

    public static string Of(string conversationId) => $"conversation:{conversationId}";
}
