using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Turn;
using NexusChat.Contracts.Calls;
using NexusChat.Identity;

namespace NexusChat.Api.Calls;

public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("Calls").RequireAuthorization();
        calls.MapGet("/ice-servers", GetIceServers).WithName(nameof(GetIceServers))
            .WithSummary("STUN/TURN servers for a call's peer connection, with short-lived TURN credentials for the caller.");
        return app;
    }

    // Never cached: the credential is the caller's own and expires.
    public static Ok<IceServersResponse> GetIceServers(HttpContext http, TurnCredentials credentials)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(credentials.For(http.User.UserId()));
    }
}
