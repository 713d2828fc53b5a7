namespace NexusChat.Web.Client.Features.Messages;

/// <summary>Open message <paramref name="MessageId"/> for editing; <paramref name="Serial"/> makes asking twice two requests.</summary>
public sealed record EditRequest(string MessageId, int Serial)
{
    /// <summary>A request to edit <paramref name="message"/> after <paramref name="previous"/>; the previous one stays when there is nothing to edit.</summary>
    public static EditRequest? Next(TimelineMessage? message, EditRequest? previous) =>
        message?.Id is { } id ? new EditRequest(id, (previous?.Serial ?? 0) + 1) : previous;
}
