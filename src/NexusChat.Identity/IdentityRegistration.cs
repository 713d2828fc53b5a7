using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NexusChat.Identity.RateLimiting;
using NexusChat.Identity.Sessions;
using NexusChat.Identity.Tokens;

namespace NexusChat.Identity;

public static class IdentityRegistration
{
    /// <summary>
    /// Bearer authentication for api and realtime: a token is accepted when its signature (current or previous
    /// key), issuer, audience and lifetime check out and its session still exists in Redis, so a logout on one
    /// replica is refused by every other on the very next request. Needs the Redis client registered.
    /// </summary>
    public static IHostApplicationBuilder AddNexusChatIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.SigningKey.Length >= 32, "Auth:SigningKey must be at least 32 characters")
            .ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccessTokenIssuer>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<LoginThrottle>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) =>
            {
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = ValidationParameters(auth.Value);
                bearer.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets, so the hub takes the token from the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = async context =>
                    {
                        var sessionId = context.Principal?.FindFirst(AccessTokenIssuer.SessionClaim)?.Value;
                        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                        if (sessionId is null || !await sessions.IsActiveAsync(sessionId))
                        {
                            context.Fail("The session has ended.");
                        }
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>What a valid access token is: our issuer and audience, unexpired, signed with an accepted key.</summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions options) => new()
    {
        ValidIssuer = AuthOptions.Issuer,
        ValidAudience = AuthOptions.Audience,
        IssuerSigningKeys = SigningKeys.Accepted(options),
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "unique_name",
    };

    public static string UserId(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst("sub")?.Value ?? throw new InvalidOperationException("The caller is not authenticated.");

    public static string SessionId(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(AccessTokenIssuer.SessionClaim)?.Value ?? throw new InvalidOperationException("The caller is not authenticated.");

    /// <summary>
    /// The client's address as per-address limits key it (its /64 for IPv6, <see cref="AddressPartition"/>), as the
    /// gateway reported it: forwarded headers from trusted proxies are processed before this.
    /// </summary>
    public static string ClientAddress(this HttpContext context) => AddressPartition.KeyOf(context.Connection.RemoteIpAddress);
}
