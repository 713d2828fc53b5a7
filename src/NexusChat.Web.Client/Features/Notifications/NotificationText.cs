using NexusChat.Contracts.Conversations;
using NexusChat.Web.Client.Features.Calls;

namespace NexusChat.Web.Client.Features.Notifications;

/// <summary>What a notification says: who (and where, for a channel) as the title, a plain-text excerpt as the body.</summary>
public static class NotificationText
{
    public const int MaxBody = 140;

    public static string Title(string senderName, string? channelName) =>
        channelName is null ? senderName : $"{senderName} in #{channelName}";

    /// <summary>
    /// The text as typed, whitespace runs folded to one space and cut at <see cref="MaxBody"/>; "Sent a file" for files
    /// alone; "Audio call" or "Video call" for a call.
    /// </summary>
    public static string Body(MessageDto message)
    {
        if (message.Call is { } call)
        {
            return CallHistoryText.KindName(call);
        }

        var text = string.Join(' ', (message.Text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
        {
            return message.Attachments.Count == 1 ? "Sent a file" : message.Attachments.Count > 1 ? $"Sent {message.Attachments.Count} files" : string.Empty;
        }

        return text.Length <= MaxBody ? text : string.Concat(text.AsSpan(0, MaxBody - 1), "…");
    }
}
