using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Conversations.Live;

/// <summary>
/// The chat hub's identity on the Redis backplane. SignalR names backplane channels after the hub type, so a
/// process that pushes without hosting the hub (the api) needs the same type as the one that holds the connections
/// (the realtime service). Both reference this one: the api through <c>IHubContext&lt;LiveHub, IChatClient&gt;</c>,
/// the realtime service by forwarding its hub's lifetime manager to this hub's (<see cref="ForwardedHubLifetimeManager{THub}"/>).
/// It is never mapped to a route.
/// </summary>
public sealed class LiveHub : Hub<IChatClient>;
