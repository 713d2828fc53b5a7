namespace NexusChat.Tests.Hostile;

/// <summary>Who a hostile request is sent as: nobody, the route's own user, or a session of its own (routes that end it).</summary>
public enum HostileCaller { Anonymous, RouteUser, OwnSession }

/// <param name="Path">With {c}, {m} and {u} for the route user's channel, message and id (<see cref="HostileTarget.Fill"/>).</param>
/// <param name="Template">The route as the OpenAPI document names it.</param>
public sealed record HostileRoute(string Method, string Path, string Template, HostileCaller Caller, bool TakesBody)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Every REST route of the api, once: the hostile-input tables walk it, and a test checks it against the OpenAPI
/// document so a new route cannot be left out of them.
/// </summary>
public static class HostileRoutes
{
    private const string Reaction = "/api/conversations/{c}/messages/{m}/reactions/%F0%9F%91%8D";

    public static readonly HostileRoute[] All =
    [
        new("GET", "/api/status", "/api/status", HostileCaller.Anonymous, false),
        new("POST", "/api/auth/register", "/api/auth/register", HostileCaller.Anonymous, true),
        new("POST", "/api/auth/login", "/api/auth/login", HostileCaller.Anonymous, true),
        new("POST", "/api/auth/refresh", "/api/auth/refresh", HostileCaller.Anonymous, true),
        new("POST", "/api/auth/logout", "/api/auth/logout", HostileCaller.OwnSession, false),
        new("POST", "/api/auth/logout-all", "/api/auth/logout-all", HostileCaller.OwnSession, false),
        new("GET", "/api/users/me", "/api/users/me", HostileCaller.RouteUser, false),
        new("PATCH", "/api/users/me", "/api/users/me", HostileCaller.RouteUser, true),
        new("GET", "/api/users/{u}", "/api/users/{id}", HostileCaller.RouteUser, false),
        new("GET", "/api/users", "/api/users", HostileCaller.RouteUser, false),
        new("PUT", "/api/users/me/avatar", "/api/users/me/avatar", HostileCaller.RouteUser, true),
        new("DELETE", "/api/users/me/avatar", "/api/users/me/avatar", HostileCaller.RouteUser, false),
        new("GET", "/api/users/{u}/avatar", "/api/users/{id}/avatar", HostileCaller.RouteUser, false),
        new("POST", "/api/conversations", "/api/conversations", HostileCaller.RouteUser, true),
        new("GET", "/api/conversations", "/api/conversations", HostileCaller.RouteUser, false),
        new("GET", "/api/conversations/public", "/api/conversations/public", HostileCaller.RouteUser, false),
        new("GET", "/api/conversations/{c}", "/api/conversations/{id}", HostileCaller.RouteUser, false),
        new("PATCH", "/api/conversations/{c}", "/api/conversations/{id}", HostileCaller.RouteUser, true),
        new("GET", "/api/conversations/{c}/members", "/api/conversations/{id}/members", HostileCaller.RouteUser, false),
        new("POST", "/api/conversations/{c}/members", "/api/conversations/{id}/members", HostileCaller.RouteUser, true),
        new("PATCH", "/api/conversations/{c}/members/{u}", "/api/conversations/{id}/members/{userId}", HostileCaller.RouteUser, true),
        new("DELETE", "/api/conversations/{c}/members/{u}", "/api/conversations/{id}/members/{userId}", HostileCaller.RouteUser, false),
        new("POST", "/api/conversations/{c}/messages", "/api/conversations/{id}/messages", HostileCaller.RouteUser, true),
        new("GET", "/api/conversations/{c}/messages", "/api/conversations/{id}/messages", HostileCaller.RouteUser, false),
        new("PATCH", "/api/conversations/{c}/messages/{m}", "/api/conversations/{id}/messages/{messageId}", HostileCaller.RouteUser, true),
        new("DELETE", "/api/conversations/{c}/messages/{m}", "/api/conversations/{id}/messages/{messageId}", HostileCaller.RouteUser, false),
        new("PUT", Reaction, "/api/conversations/{id}/messages/{messageId}/reactions/{emoji}", HostileCaller.RouteUser, false),
        new("DELETE", Reaction, "/api/conversations/{id}/messages/{messageId}/reactions/{emoji}", HostileCaller.RouteUser, false),
        new("GET", "/api/conversations/{c}/messages/{m}/thread", "/api/conversations/{id}/messages/{messageId}/thread", HostileCaller.RouteUser, false),
        new("POST", "/api/conversations/{c}/read", "/api/conversations/{id}/read", HostileCaller.RouteUser, true),
        new("PUT", "/api/conversations/{c}/mute", "/api/conversations/{id}/mute", HostileCaller.RouteUser, false),
        new("DELETE", "/api/conversations/{c}/mute", "/api/conversations/{id}/mute", HostileCaller.RouteUser, false),
        new("GET", "/api/search/messages", "/api/search/messages", HostileCaller.RouteUser, false),
        // A message id is no file id: the route answers it as any file the caller may not see.
        new("GET", "/api/files/{m}", "/api/files/{id}", HostileCaller.RouteUser, false),
        new("GET", "/api/files/{m}/thumbnail", "/api/files/{id}/thumbnail", HostileCaller.RouteUser, false),
        new("GET", "/api/calls/ice-servers", "/api/calls/ice-servers", HostileCaller.RouteUser, false),
    ];

    /// <summary>
    /// The tus upload routes speak the tus protocol (headers and raw chunks, not JSON bodies), so the JSON tables do not
    /// fit them; UploadProtocolTests and UploadLimitTests send them the protocol's hostile cases (wrong versions,
    /// offsets, checksums, sizes, someone else's upload).
    /// </summary>
    public static readonly string[] TusRoutes =
    [
        "OPTIONS /api/uploads", "POST /api/uploads", "HEAD /api/uploads/{id}", "PATCH /api/uploads/{id}", "DELETE /api/uploads/{id}",
    ];

    /// <summary>Routes a client changes things with (those that take a body, and the PUT and DELETE ones).</summary>
    public static IEnumerable<HostileRoute> Writes => All.Where(r => r.Method != "GET");
}
