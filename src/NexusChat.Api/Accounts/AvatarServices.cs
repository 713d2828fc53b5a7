using NexusChat.Conversations.Attachments;
using NexusChat.Storage.Accounts;
using NexusChat.Storage.Files;

namespace NexusChat.Api.Accounts;

/// <summary>What the avatar handlers need: the accounts, the completed uploads (who owns which) and their bytes.</summary>
public sealed class AvatarServices(IUserStore users, CompletedFiles completedFiles, IFileStore files)
{
    public IUserStore Users { get; } = users;
    public CompletedFiles CompletedFiles { get; } = completedFiles;
    public IFileStore Files { get; } = files;
}
