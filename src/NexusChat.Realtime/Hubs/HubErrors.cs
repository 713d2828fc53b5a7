using Microsoft.AspNetCore.SignalR;
using NexusChat.Contracts.Realtime;

namespace NexusChat.Realtime.Hubs;

/// <summary>HubExceptions whose messages carry a <see cref="HubErrorCodes"/> code, the hub's counterpart of ProblemDetails types.</summary>
public static class HubErrors
{
    public static HubException Validation(string field, string message) => new($"{HubErrorCodes.Validation}: {field}: {message}");

    public static HubException NotFound(string what) => new($"{HubErrorCodes.NotFound}: no such {what}");

    public static HubException Forbidden(string why) => new($"{HubErrorCodes.Forbidden}: {why}");
}
