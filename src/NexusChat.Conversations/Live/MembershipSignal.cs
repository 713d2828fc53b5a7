using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace NexusChat.Conversations.Live;

/// <summary>
/// Tells every realtime replica that a user joined or left a conversation, so each adds or removes its own connections
/// of that user to or from the conversation's group. The api calls it right after the membership commit, so a removed
/// member's connections leave the group before the removal is answered and a message sent after that answer does not
/// reach them; the realtime service's event handler signals again as the backstop (applying a change twice is harmless).
/// </summary>
public sealed partial class MembershipSignal(IConnectionMultiplexer redis, ILogger<MembershipSignal> logger)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("nexuschat:membership");

    public Task PublishAsync(string conversationId, string userId, bool joined) =>
        redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new MembershipChange(conversationId, userId, joined)));

    /// <summary>The live signal: never fails the caller, whose change is stored and whose event signals again.</summary>
    public async Task AfterCommitAsync(string conversationId, string userId, bool joined)
    {
        try
        {
            await PublishAsync(conversationId, userId, joined);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogSignalFailed(exception, conversationId);
        }
    }

    public static MembershipChange? Read(RedisValue message) => JsonSerializer.Deserialize<MembershipChange>(message.ToString());

    [LoggerMessage(LogLevel.Warning, "Membership signal for {ConversationId} failed; the event bus signals it instead")]
    private partial void LogSignalFailed(Exception exception, string conversationId);
}

public sealed record MembershipChange(string ConversationId, string UserId, bool Joined);
