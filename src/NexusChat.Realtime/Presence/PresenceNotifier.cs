using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;
using NexusChat.Realtime.Hubs;
using NexusChat.Realtime.Telemetry;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Presence;

/// <summary>Presence is private to people who share a conversation: announcements go to those users only.</summary>
public sealed class PresenceNotifier(IConversationStore conversations, IHubContext<ChatHub, IChatClient> hub, RealtimeMetrics metrics)
{
    /// <summary>
    /// The most contacts one presence change is announced to (and one <c>GetPresence</c> call may see): each is a
    /// backplane publish, so a user in huge channels must not make every status flip thousands of them.
    /// </summary>
    public const int MaxContacts = 2000;

    public async Task AnnounceAsync(PresenceDto presence, CancellationToken cancellationToken)
    {
        var contacts = await ContactsAsync(presence.UserId, cancellationToken);
        // The user's own other devices learn it too (a "you appear away" hint).
        contacts.Add(presence.UserId);
        await hub.Clients.Users(contacts).PresenceChanged(presence);
        metrics.PresenceChanged(presence.Status);
    }

    /// <summary>
    /// Everyone who shares at least one conversation with the user, up to <see cref="MaxContacts"/>: one indexed store
    /// query (it was a member list read per conversation, up to a thousand per call).
    /// </summary>
    public async Task<HashSet<string>> ContactsAsync(string userId, CancellationToken cancellationToken) =>
        new(await conversations.ListContactsAsync(userId, MaxContacts, cancellationToken), StringComparer.Ordinal);
}
