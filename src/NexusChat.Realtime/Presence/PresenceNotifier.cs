using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Hubs;
using NexusChat.Realtime.Telemetry;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Presence;

/// <summary>Presence is private to people who share a conversation: announcements go to those users only.</summary>
public sealed class PresenceNotifier(IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub, RealtimeMetrics metrics)
{
    /// <summary>How many of a user's conversations define their contacts; beyond that the least active are left out.</summary>
    public const int MaxConversations = 1000;

    public async Task AnnounceAsync(PresenceDto presence, CancellationToken cancellationToken)
    {
        var contacts = await ContactsAsync(presence.UserId, cancellationToken);
        // The user's own other devices learn it too (a "you appear away" hint).
        contacts.Add(presence.UserId);
        await hub.Clients.Users(contacts).PresenceChanged(presence);
        metrics.PresenceChanged(presence.Status);
    }

    /// <summary>Everyone who shares at least one conversation with the user.</summary>
    public async Task<HashSet<string>> ContactsAsync(string userId, CancellationToken cancellationToken)
    {
        var contacts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var summary in await conversations.ListForUserAsync(userId, MaxConversations, cancellationToken))
        {
            foreach (var member in await conversations.ListMembersAsync(summary.Conversation.Id, cancellationToken))
            {
                contacts.Add(member.UserId);
            }
        }

        contacts.Remove(userId);
        return contacts;
    }
}
