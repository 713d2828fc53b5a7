using Microsoft.AspNetCore.SignalR;

namespace NexusChat.Realtime.Hubs;

/// <summary>The real-time endpoint clients keep open. Its methods arrive with real-time delivery.</summary>
public sealed class ChatHub : Hub
{
    public const string Path = "/hubs/chat";
}
