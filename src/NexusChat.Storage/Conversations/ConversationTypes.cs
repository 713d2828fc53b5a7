namespace NexusChat.Storage.Conversations;

public static class ConversationTypes
{
    public const string Direct = "direct";
    public const string Channel = "channel";
}
