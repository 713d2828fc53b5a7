using System.Text.Json;
using NexusChat.Web.Client.Shared;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>
/// The signed-in user's unacknowledged sends in browser storage, so a reload or a crash loses none: each is sent again
/// with its client message id (the server stores a message once per sender and id) until the server acknowledges it
/// or it shows up stored. Every change reads and writes storage afresh, because other tabs of the user share it.
/// </summary>
public sealed class PendingSendStore(IBrowserStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string KeyOf(string userId) => $"nexuschat.pending.{userId}";

    /// <summary>The conversation's kept sends, oldest first.</summary>
    public async Task<IReadOnlyList<PendingSend>> ForConversationAsync(string userId, string conversationId) =>
        [.. (await ReadAsync(userId)).Where(p => p.ConversationId == conversationId).OrderBy(p => p.CreatedAt)];

    public Task AddAsync(string userId, PendingSend send) =>
        ChangeAsync(userId, all => [.. all.Where(p => p.ClientMessageId != send.ClientMessageId), send]);

    public Task RemoveAsync(string userId, string clientMessageId) =>
        ChangeAsync(userId, all => [.. all.Where(p => p.ClientMessageId != clientMessageId)]);

    public Task SetFailedAsync(string userId, string clientMessageId, bool failed) =>
        ChangeAsync(userId, all => [.. all.Select(p => p.ClientMessageId == clientMessageId ? p with { Failed = failed } : p)]);

    private async Task ChangeAsync(string userId, Func<List<PendingSend>, List<PendingSend>> change)
    {
        var changed = change(await ReadAsync(userId));
        if (changed.Count == 0)
        {
            await storage.RemoveAsync(KeyOf(userId));
        }
        else
        {
            await storage.SetAsync(KeyOf(userId), JsonSerializer.Serialize(changed, Json));
        }
    }

    private async Task<List<PendingSend>> ReadAsync(string userId)
    {
        var text = await storage.GetAsync(KeyOf(userId));
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<PendingSend>>(text, Json) ?? [];
        }
        catch (JsonException)
        {
            // Written by another version or damaged: nothing can be resent from it.
            return [];
        }
    }
}
