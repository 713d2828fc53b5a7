namespace NexusChat.Web.Client.Features.Messages;

/// <summary>Open message <paramref name="MessageId"/> for editing; <paramref name="Serial"/> makes asking twice two requests.</summary>
public sealed record EditRequest(string MessageId, int Serial);
