using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Identity;
using NexusChat.Identity.RateLimiting;
using NexusChat.Identity.Sessions;
using NexusChat.Storage.Accounts;

namespace NexusChat.Api.Accounts;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/register", Register).WithName(nameof(Register)).WithSummary("Create an account and sign in.");
        auth.MapPost("/login", Login).WithName(nameof(Login)).WithSummary("Sign in with username and password.");
        auth.MapPost("/refresh", Refresh).WithName(nameof(Refresh))
            .WithSummary("Trade a refresh token for new tokens; replaying a spent one ends the session.");
        auth.MapPost("/logout", Logout).WithName(nameof(Logout)).RequireAuthorization().WithSummary("End this session.");
        auth.MapPost("/logout-all", LogoutAll).WithName(nameof(LogoutAll)).RequireAuthorization()
            .WithSummary("End every session of the caller.");
        return app;
    }

    public static async Task<Results<Created<AuthResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext http, [AsParameters] AccountServices services)
    {
        if (await RateLimitedAsync(services, http, $"register:ip:{http.ClientAddress()}", services.Limits.Value.RegistrationPerIp) is { } limited)
        {
            return limited;
        }

        var errors = AccountRules.ValidateRegistration(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var user = new UserRecord(
            Guid.NewGuid().ToString("N"),
            request.Username!,
            AccountRules.Normalize(request.Username!),
            request.DisplayName!.Trim(),
            string.Empty,
            string.Empty,
            services.Time.GetUtcNow());
        user = user with { PasswordHash = services.Passwords.HashPassword(user, request.Password!) };
        if (!await services.Users.TryCreateAsync(user, http.RequestAborted))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.UsernameTaken, title: "That username is taken.");
        }

        return TypedResults.Created($"/api/users/{user.Id}", await SignInAsync(user, services));
    }

    public static async Task<Results<Ok<AuthResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, [AsParameters] AccountServices services)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["credentials"] = ["Username and password are required."] },
                type: ProblemTypes.Validation);
        }

        var normalized = AccountRules.Normalize(request.Username);
        if (await RateLimitedAsync(services, http, $"login:ip:{http.ClientAddress()}", services.Limits.Value.LoginPerIp) is { } byIp)
        {
            services.Metrics.Login("rate_limited");
            return byIp;
        }

        // Failures, not attempts, count per username (LoginThrottle): guesses from elsewhere never lock the owner out.
        var throttle = services.LoginThrottle;
        var attempt = await throttle.BeginAsync(normalized, http.ClientAddress());
        if (!attempt.Allowed)
        {
            services.Metrics.Login("rate_limited");
            return RateLimitResponses.TooManyRequests(http, attempt);
        }

        var slowdown = await throttle.SlowdownAsync(normalized);
        if (slowdown > TimeSpan.Zero)
        {
            await Task.Delay(slowdown, services.Time, http.RequestAborted);
        }

        var user = await services.Users.FindByNormalizedUsernameAsync(normalized, http.RequestAborted);
        var verdict = user is null || request.Password.Length > AccountRules.MaxPasswordLength
            ? UnknownUser.Verify(services.Passwords, request.Password)
            : services.Passwords.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            await throttle.FailedAsync(normalized);
            services.Metrics.Login("failed");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                type: ProblemTypes.InvalidCredentials, title: "Wrong username or password.");
        }

        await throttle.SucceededAsync(normalized, http.ClientAddress());
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await services.Users.UpdatePasswordHashAsync(user.Id, services.Passwords.HashPassword(user, request.Password), http.RequestAborted);
        }

        services.Metrics.Login("succeeded");
        return TypedResults.Ok(await SignInAsync(user, services));
    }

    public static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, HttpContext http, [AsParameters] AccountServices services)
    {
        var outcome = string.IsNullOrEmpty(request.RefreshToken)
            ? RefreshOutcome.Invalid
            : await services.Sessions.RefreshAsync(request.RefreshToken);
        var user = outcome.Result == RefreshResult.Rotated
            ? await services.Users.FindByIdAsync(outcome.UserId!, http.RequestAborted)
            : null;
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.InvalidRefreshToken,
                title: outcome.Result == RefreshResult.Reused
                    ? "This refresh token was already used; the session has been ended."
                    : "The refresh token is not valid.");
        }

        var (accessToken, expiresIn) = services.Tokens.Issue(user.Id, user.Username, outcome.SessionId!);
        return TypedResults.Ok(new AuthResponse(user.ToDto(), accessToken, outcome.RefreshToken!, expiresIn));
    }

    public static async Task<NoContent> Logout(HttpContext http, SessionStore sessions)
    {
        await sessions.RevokeAsync(http.User.UserId(), http.User.SessionId());
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> LogoutAll(HttpContext http, SessionStore sessions)
    {
        await sessions.RevokeAllAsync(http.User.UserId());
        return TypedResults.NoContent();
    }

    private static async Task<AuthResponse> SignInAsync(UserRecord user, AccountServices services)
    {
        var (sessionId, refreshToken) = await services.Sessions.CreateAsync(user.Id);
        var (accessToken, expiresIn) = services.Tokens.Issue(user.Id, user.Username, sessionId);
        return new AuthResponse(user.ToDto(), accessToken, refreshToken, expiresIn);
    }

    private static async Task<ProblemHttpResult?> RateLimitedAsync(
        AccountServices services, HttpContext http, string key, RateLimit limit)
    {
        var decision = await services.Limiter.HitAsync(key, limit);
        return decision.Allowed ? null : RateLimitResponses.TooManyRequests(http, decision);
    }

    /// <summary>
    /// A wrong username costs one hash verification like a wrong password does, so response times do not tell
    /// which usernames exist.
    /// </summary>
    private static class UnknownUser
    {
        private static readonly UserRecord Nobody = new("", "", "", "", "", "", DateTimeOffset.UnixEpoch);
        private static string? _hash;

        public static PasswordVerificationResult Verify(IPasswordHasher<UserRecord> hasher, string password)
        {
            _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _hash, password);
            return PasswordVerificationResult.Failed;
        }
    }
}
