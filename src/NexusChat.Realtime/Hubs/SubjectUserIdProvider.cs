using Microsoft.AspNetCore.SignalR;
using NexusChat.Identity;

namespace NexusChat.Realtime.Hubs;

/// <summary>Identifies hub users by the token's subject (our user id), so the server can address all of a user's connections.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.User.Identity?.IsAuthenticated == true ? connection.User.UserId() : null;
}
