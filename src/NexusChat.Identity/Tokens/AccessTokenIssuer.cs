using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NexusChat.Identity.Tokens;

/// <summary>Signs short-lived access tokens that carry the user id and the session id.</summary>
public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    public const string SessionClaim = "sid";
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, int ExpiresInSeconds) Issue(string userId, string username, string sessionId)
    {
        var auth = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + auth.AccessTokenLifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, userId),
                new Claim(JwtRegisteredClaimNames.UniqueName, username),
                new Claim(SessionClaim, sessionId),
            ]),
            SigningCredentials = new SigningCredentials(SigningKeys.Create(auth.SigningKey), SecurityAlgorithms.HmacSha256),
        });
        return (token, (int)auth.AccessTokenLifetime.TotalSeconds);
    }
}

public static class SigningKeys
{
    public static SymmetricSecurityKey Create(string key) => new(Encoding.UTF8.GetBytes(key));

    /// <summary>The current key and, during a rotation, the previous one.</summary>
    public static IEnumerable<SecurityKey> Accepted(AuthOptions options) =>
        new[] { options.SigningKey, options.PreviousSigningKey }
            .Where(k => !string.IsNullOrEmpty(k))
            .Select(k => (SecurityKey)Create(k!));
}
