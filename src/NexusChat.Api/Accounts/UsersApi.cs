using Microsoft.AspNetCore.Http.HttpResults;
using NexusChat.Api.Errors;
using NexusChat.Contracts.Accounts;
using NexusChat.Identity;
using NexusChat.Storage.Accounts;

namespace NexusChat.Api.Accounts;

public static class UsersApi
{
    public const int MaxPageSize = 50;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization();
        users.MapGet("/me", GetMe).WithName(nameof(GetMe));
        users.MapPatch("/me", UpdateMe).WithName(nameof(UpdateMe));
        users.MapGet("/{id}", GetUser).WithName(nameof(GetUser));
        users.MapGet("/", SearchUsers).WithName(nameof(SearchUsers))
            .WithSummary("Users whose username or display name starts with the search text, paged.");
        return app;
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetMe(HttpContext http, IUserStore users) =>
        await users.FindByIdAsync(http.User.UserId(), http.RequestAborted) is { } user
            ? TypedResults.Ok(user.ToDto())
            : Problems.NotFound("user");

    public static async Task<Results<Ok<UserDto>, ValidationProblem, ProblemHttpResult>> UpdateMe(
        UpdateProfileRequest request, HttpContext http, IUserStore users)
    {
        var errors = AccountRules.ValidateProfile(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var updated = await users.UpdateProfileAsync(
            http.User.UserId(), request.DisplayName?.Trim(), request.StatusMessage?.Trim(), http.RequestAborted);
        return updated is null ? Problems.NotFound("user") : TypedResults.Ok(updated.ToDto());
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> GetUser(string id, IUserStore users, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) is { } user ? TypedResults.Ok(user.ToDto()) : Problems.NotFound("user");

    /// <param name="after">The <c>next</c> cursor of the previous page.</param>
    public static async Task<Results<Ok<Page<UserDto>>, ValidationProblem>> SearchUsers(
        IUserStore users, CancellationToken cancellationToken, string? search = null, int limit = 20, string? after = null)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            return Problems.Invalid("limit", $"limit is 1 to {MaxPageSize}.");
        }

        var prefix = AccountRules.Normalize((search ?? string.Empty).Trim());
        // One more than asked tells whether another page exists.
        var found = await users.SearchAsync(prefix, after, limit + 1, cancellationToken);
        var items = found.Take(limit).Select(u => u.ToDto()).ToList();
        var next = found.Count > limit ? found[limit - 1].NormalizedUsername : null;
        return TypedResults.Ok(new Page<UserDto>(items, next));
    }
}
