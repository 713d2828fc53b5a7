using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Conversations.Live;
using NexusChat.Realtime.Hubs;
using StackExchange.Redis;

namespace NexusChat.Realtime.Groups;

/// <summary>
/// Keeps conversation groups in step with membership on every replica: each <see cref="MembershipSignal"/> (from the
/// api right after the commit, and again from the event handler) adds or removes this replica's own connections of
/// that user. A change missed while Redis was unreachable heals on the user's next connect, which joins the groups
/// afresh.
/// </summary>
public sealed partial class MembershipChanges(
    IConnectionMultiplexer redis, LocalConnections connections, IHubContext<ChatHub, IChatClient> hub,
    ILogger<MembershipChanges> logger) : IHostedService
{
    private ChannelMessageQueue? _queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _queue = await redis.GetSubscriber().SubscribeAsync(MembershipSignal.Channel);
        _queue.OnMessage(async message =>
        {
            try
            {
                if (MembershipSignal.Read(message.Message) is { } change)
                {
                    await ApplyAsync(change);
                }
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                LogUnreadable(exception);
            }
        });
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync();
        }
    }

    private async Task ApplyAsync(MembershipChange change)
    {
        var group = ConversationGroups.Of(change.ConversationId);
        foreach (var connectionId in connections.Of(change.UserId))
        {
            await (change.Joined
                ? hub.Groups.AddToGroupAsync(connectionId, group)
                : hub.Groups.RemoveFromGroupAsync(connectionId, group));
        }
    }

    [LoggerMessage(LogLevel.Warning, "Ignored an unreadable membership change")]
    private partial void LogUnreadable(Exception exception);
}
