using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NexusChat.Contracts.Calls;

namespace NexusChat.Api.Turn;

/// <summary>
/// TURN REST credentials (draft-uberti-behave-turn-rest, what coturn's <c>use-auth-secret</c> verifies): the username
/// is <c>expiry:userId</c> with expiry in Unix seconds, the password the Base64 HMAC-SHA1 of that username keyed with
/// the shared secret. coturn recomputes it and refuses an expired one, so no user list lives in coturn; the user id in
/// the name lets an operator see in coturn's log whose relay it is.
/// </summary>
public sealed class TurnCredentials(IOptionsMonitor<TurnOptions> options, TimeProvider time)
{
    public IceServersResponse For(string userId)
    {
        var turn = options.CurrentValue;
        var expiresAt = time.GetUtcNow() + turn.CredentialLifetime;
        var username = $"{expiresAt.ToUnixTimeSeconds()}:{userId}";
        var password = Convert.ToBase64String(
            HMACSHA1.HashData(Encoding.UTF8.GetBytes(turn.SharedSecret), Encoding.UTF8.GetBytes(username)));
        var host = string.IsNullOrEmpty(turn.PublicHost) ? turn.Host : turn.PublicHost;
        var address = $"{host}:{turn.Port}";
        // coturn answers STUN binding requests on the same port, so no third-party STUN server is needed; TURN over
        // TCP is offered for networks that block UDP.
        return new IceServersResponse(
            [
                new IceServerDto([$"stun:{address}"], null, null),
                new IceServerDto([$"turn:{address}?transport=udp", $"turn:{address}?transport=tcp"], username, password),
            ],
            DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()));
    }
}
