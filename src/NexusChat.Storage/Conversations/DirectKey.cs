using System.Text.Json;

namespace NexusChat.Storage.Conversations;

/// <summary>
/// The identity of a direct conversation: its sorted user pair as a JSON array (unambiguous whatever the ids
/// contain). Both providers keep it under a unique index, so concurrent creators of the same pair converge.
/// </summary>
internal static class DirectKey
{
    public static string For(string userId, string otherUserId)
    {
        string[] pair = string.CompareOrdinal(userId, otherUserId) <= 0 ? [userId, otherUserId] : [otherUserId, userId];
        return JsonSerializer.Serialize(pair);
    }
}
