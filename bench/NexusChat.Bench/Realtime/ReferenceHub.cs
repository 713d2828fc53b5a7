using Microsoft.AspNetCore.SignalR;

namespace NexusChat.Bench.Realtime;

/// <summary>
/// The ceiling to compare with: a bare hub that only broadcasts to groups (no auth, no storage, no backplane).
/// The sender is in its group and gets its own message back, as NexusChat pushes to the sender's devices too.
/// </summary>
public sealed class ReferenceHub : Hub
{
    public const string Message = "Message";

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public Task Broadcast(string group, string text) => Clients.Group(group).SendAsync(Message, text);
}
