namespace NexusChat.Storage.Conversations;

public static class ChannelVisibility
{
    public const string Public = "public";
    public const string Private = "private";
}
