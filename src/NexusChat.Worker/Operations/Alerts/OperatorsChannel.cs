using Microsoft.Extensions.Options;
using NexusChat.Conversations.Live;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Conversations;
using StackExchange.Redis;

namespace NexusChat.Worker.Operations.Alerts;

/// <summary>
/// The system account that posts alerts and its private operators' channel, made on first use and kept with its
/// configured members. Two workers may do it at once, so it runs under a short Redis lock; the account has a fixed id
/// so every worker and every restart agree on it, and no password (no hash verifies), so nobody can sign in as it.
/// </summary>
public sealed partial class OperatorsChannel(
    IUserStore users, IConversationStore conversations, MembershipSignal membership, IConnectionMultiplexer redis,
    IOptions<AlertOptions> options, TimeProvider time, ILogger<OperatorsChannel> logger)
{
    /// <summary>The system account's id: constant, so a restart or a second worker finds the account it made.</summary>
    public const string SystemUserId = "00000000000000000000000000a1e575";

    private const string LockKey = "nexuschat:alerts:channel-lock";

    /// <summary>The channel's id, with its operators added; null when the system account's username belongs to a person.</summary>
    public async Task<string?> EnsureAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        for (var attempt = 0; !await database.LockTakeAsync(LockKey, token, TimeSpan.FromSeconds(30)); attempt++)
        {
            if (attempt == 100)
            {
                throw new TimeoutException("another worker holds the operators' channel lock");
            }

            await Task.Delay(100, cancellationToken);
        }

        try
        {
            if (!await EnsureAccountAsync(cancellationToken))
            {
                return null;
            }

            var channel = await FindOrCreateChannelAsync(cancellationToken);
            await AddOperatorsAsync(channel.Id, cancellationToken);
            return channel.Id;
        }
        finally
        {
            await database.LockReleaseAsync(LockKey, token);
        }
    }

    private async Task<bool> EnsureAccountAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(SystemUserId, cancellationToken) is not null)
        {
            return true;
        }

        var name = options.Value.SystemUsername;
        var account = new UserRecord(SystemUserId, name, name.ToUpperInvariant(), "NexusChat alerts", "Posts what Prometheus alerts on",
            PasswordHash: string.Empty, time.GetUtcNow());
        if (await users.TryCreateAsync(account, cancellationToken))
        {
            return true;
        }

        // Someone registered the name first: posting as them would make their messages look like the system's.
        LogNameTaken(name);
        return false;
    }

    private async Task<ConversationRecord> FindOrCreateChannelAsync(CancellationToken cancellationToken)
    {
        var name = options.Value.ChannelName;
        var mine = await conversations.ListForUserAsync(SystemUserId, 1_000, cancellationToken);
        if (mine.FirstOrDefault(s => s.Conversation.Type == ConversationTypes.Channel && s.Conversation.Name == name) is { } existing)
        {
            return existing.Conversation;
        }

        return await conversations.CreateChannelAsync(
            new NewChannel(SystemUserId, name, "Alerts from Prometheus: firing and resolved", ChannelVisibility.Private, []), cancellationToken);
    }

    private async Task AddOperatorsAsync(string channelId, CancellationToken cancellationToken)
    {
        foreach (var username in options.Value.Operators.Where(u => !string.IsNullOrWhiteSpace(u)))
        {
            if (await users.FindByNormalizedUsernameAsync(username.Trim().ToUpperInvariant(), cancellationToken) is not { } user)
            {
                continue;
            }

            if (await conversations.AddMemberAsync(channelId, user.Id, MemberRoles.Admin, cancellationToken))
            {
                await membership.AfterCommitAsync(channelId, user.Id, joined: true);
            }
        }
    }

    [LoggerMessage(LogLevel.Critical, "The alerts' system account name '{Name}' belongs to a person: no alert is posted until Alerts:SystemUsername names a free one")]
    private partial void LogNameTaken(string name);
}
