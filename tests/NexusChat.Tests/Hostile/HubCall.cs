using Aspire.Hosting.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NexusChat.Contracts.Accounts;
using NexusChat.Contracts.Realtime;
using NexusChat.Tests.Hosting;

namespace NexusChat.Tests.Hostile;

/// <summary>How a hostile hub call ended.</summary>
public enum HubCallEnd
{
    /// <summary>It returned a value.</summary>
    Returned,

    /// <summary>It failed with a <see cref="HubError"/>.</summary>
    Typed,

    /// <summary>SignalR refused the arguments (wrong types or count) or the method name before the hub ran.</summary>
    Refused,

    /// <summary>Anything else: an exception in the hub ("An unexpected error occurred"), a lost connection. A defect.</summary>
    Broken,
}

/// <summary>A hub call with arbitrary arguments, and its classification.</summary>
public static class HubCall
{
    public static async Task<HubConnection> ConnectAsync(
        HostModeAppFixture fixture, AuthResponse user, bool messagePack, CancellationToken cancellationToken, string replica = "realtime-1")
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(fixture.App.GetEndpoint(replica, "http"), "/hubs/chat"), options =>
        {
            options.SkipNegotiation = true;
            options.Transports = HttpTransportType.WebSockets;
            options.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder.Build();
        await connection.StartAsync(cancellationToken);
        // The server serves the first invocation after the connection joined its groups (docs/protocol.md).
        await connection.InvokeAsync<IReadOnlyList<PresenceDto>>("GetPresence", Array.Empty<string>(), cancellationToken);
        return connection;
    }

    public static async Task<(HubCallEnd End, string Detail)> InvokeAsync(
        HubConnection connection, string method, Type returnType, object?[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var value = await connection.InvokeCoreAsync(method, returnType, arguments, cancellationToken);
            return (HubCallEnd.Returned, value?.ToString() ?? "null");
        }
        catch (HubException exception)
        {
            return (Classify(method, exception.Message), exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (HubCallEnd.Broken, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>
    /// SignalR answers arguments it cannot bind with "Failed to invoke 'M' due to an error on the server." (no detail
    /// unless detailed errors are on) and an unknown method with "Unknown hub method"; an exception thrown inside the
    /// hub that is not a HubException becomes "An unexpected error occurred invoking 'M' on the server.".
    /// </summary>
    public static HubCallEnd Classify(string method, string message) =>
        HubError.Parse(message) is not null ? HubCallEnd.Typed
        : message.StartsWith($"Failed to invoke '{method}' due to an error on the server.", StringComparison.Ordinal)
            || message.Contains($"Unknown hub method '{method}'", StringComparison.Ordinal) ? HubCallEnd.Refused
        : HubCallEnd.Broken;
}
