using NexusChat.Contracts.Conversations;

namespace NexusChat.Web.Client.Features.Messages;

/// <summary>What the composer sends: the text and the files uploaded for it (at most <see cref="AttachmentLimits.MaxPerMessage"/>).</summary>
public sealed record OutgoingMessage(string Text, IReadOnlyList<AttachmentDto> Attachments);
