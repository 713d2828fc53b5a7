namespace NexusChat.Bench.Realtime;

/// <summary>
/// Who holds which connection. Connection <c>i</c> belongs to member <c>i mod (M·S)</c> (so a member's devices are
/// spread over the hubs like separate browsers), member <c>u</c> belongs to conversation <c>u / S</c>, and hubs
/// are assigned round-robin. Senders are the first connections of each conversation, as many as keep each one
/// under the server's per-connection hub limit.
/// </summary>
public sealed class LoadLayout
{
    // Headroom under the fixed-window limit: a sender's gap-filling Sync calls count against it too.
    private const double LimitShare = 0.75;

    public LoadLayout(RealtimeArguments arguments)
    {
        Members = arguments.Conversations * arguments.Size;
        Size = arguments.Size;
        Connections = arguments.Connections;
        var perSenderMax = arguments.HubLimitPerMinute * LimitShare / 60;
        var perConversation = arguments.Rate / arguments.Conversations;
        SendersPerConversation = (int)Math.Min(Math.Ceiling(perConversation / perSenderMax), ConnectionsPerConversation(0));
        // Interleaved across conversations so each conversation gets an equal share of the rate.
        Senders = Enumerable.Range(0, SendersPerConversation)
            .SelectMany(k => Enumerable.Range(0, arguments.Conversations).Select(c => ConnectionOf(c, k)))
            .ToList();
    }

    public int Members { get; }
    public int Size { get; }
    public int Connections { get; }
    public int SendersPerConversation { get; }
    public IReadOnlyList<int> Senders { get; }

    public int MemberOf(int connection) => connection % Members;

    public int ConversationOf(int connection) => MemberOf(connection) / Size;

    /// <summary>How many connections the members of <paramref name="conversation"/> hold (devices included).</summary>
    public int ConnectionsPerConversation(int conversation) =>
        Enumerable.Range(conversation * Size, Size).Sum(member => (Connections - member + Members - 1) / Members);

    // The k-th connection of a conversation: members first, then their second devices, and so on.
    private int ConnectionOf(int conversation, int k) => ((k / Size) * Members) + (conversation * Size) + (k % Size);
}
