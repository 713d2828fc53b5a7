using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using NexusChat.Identity;
using NexusChat.Realtime.Sessions;

namespace NexusChat.Realtime.Hubs;

/// <summary>The real-time endpoint clients keep open. Its chat methods arrive with real-time delivery.</summary>
[Authorize]
public sealed class ChatHub(ConnectedSessions sessions) : Hub
{
    public const string Path = "/hubs/chat";

    public override Task OnConnectedAsync()
    {
        sessions.Add(Context.User!.SessionId(), Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context.User!.SessionId(), Context);
        return base.OnDisconnectedAsync(exception);
    }
}
