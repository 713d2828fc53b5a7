using Microsoft.AspNetCore.SignalR;
using NexusChat.Storage.Conversations;

namespace NexusChat.Realtime.Hubs;

/// <summary>
/// A change the store could not commit in time for contention (<see cref="ConversationBusyException"/>) fails the hub
/// call with the typed <c>busy</c> error and when to call again, not SignalR's opaque "unexpected error".
/// </summary>
public sealed class ConversationBusyHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ConversationBusyException busy)
        {
            throw HubErrors.Busy(busy);
        }
    }
}
