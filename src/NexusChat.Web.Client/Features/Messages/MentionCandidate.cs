namespace NexusChat.Web.Client.Features.Messages;

/// <summary>A member the composer can complete an @mention to.</summary>
public sealed record MentionCandidate(string Username, string DisplayName);
