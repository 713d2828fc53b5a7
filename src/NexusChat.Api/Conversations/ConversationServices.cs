using NexusChat.Api.Telemetry;
using NexusChat.Conversations.Commands;
using NexusChat.Conversations.Live;
using NexusChat.Identity;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;

namespace NexusChat.Api.Conversations;

/// <summary>What the conversation and message handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class ConversationServices(
    IConversationStore conversations, IUserStore users, ConversationCommands commands, ApiMetrics metrics,
    MembershipSignal membership, HttpContext http)
{
    public IConversationStore Conversations { get; } = conversations;
    public IUserStore Users { get; } = users;
    public ConversationCommands Commands { get; } = commands;
    public ApiMetrics Metrics { get; } = metrics;
    public MembershipSignal Membership { get; } = membership;
    public HttpContext Http { get; } = http;

    public string CallerId => Http.User.UserId();

    public CancellationToken Aborted => Http.RequestAborted;
}
