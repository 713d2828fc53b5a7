using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NexusChat.Identity;
using NexusChat.Identity.Tokens;

namespace NexusChat.Tests.Identity;

/// <summary>Signing and key rotation, checked with the validation parameters the services use.</summary>
public sealed class AccessTokenTests
{
    private const string OldKey = "old-signing-key-0123456789abcdefghijklmnop";
    private const string NewKey = "new-signing-key-0123456789abcdefghijklmnop";

    [Fact]
    public async Task ATokenCarriesTheUserAndTheSession()
    {
        var token = Issue(OldKey).Token;

        var result = await ValidateAsync(token, new AuthOptions { SigningKey = OldKey });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("user-1", result.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("session-1", result.ClaimsIdentity.FindFirst(AccessTokenIssuer.SessionClaim)?.Value);
    }

    [Fact]
    public async Task DuringARotationTokensSignedWithThePreviousKeyStayValid()
    {
        var token = Issue(OldKey).Token;

        var result = await ValidateAsync(token, new AuthOptions { SigningKey = NewKey, PreviousSigningKey = OldKey });

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task AfterTheRotationTokensSignedWithTheRetiredKeyAreRefused()
    {
        var token = Issue(OldKey).Token;

        var result = await ValidateAsync(token, new AuthOptions { SigningKey = NewKey });

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var token = Issue(OldKey, time).Token;

        var result = await ValidateAsync(token, new AuthOptions { SigningKey = OldKey });

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public void AccessTokensLastAboutAQuarterOfAnHour() =>
        Assert.Equal(15 * 60, Issue(OldKey).ExpiresInSeconds);

    private static (string Token, int ExpiresInSeconds) Issue(string key, TimeProvider? time = null) =>
        new AccessTokenIssuer(Options.Create(new AuthOptions { SigningKey = key }), time ?? TimeProvider.System)
            .Issue("user-1", "ana", "session-1");

    private static Task<TokenValidationResult> ValidateAsync(string token, AuthOptions options) =>
        new JsonWebTokenHandler().ValidateTokenAsync(token, IdentityRegistration.ValidationParameters(options));
}
