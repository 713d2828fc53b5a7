using System.Security.Cryptography;
using System.Text;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Worker.DeadLetters;

/// <summary>
/// Lets a request through only with the operator key in <see cref="ServiceSettingKeys.OperatorKeyHeader"/>. The
/// worker has no public address and the gateway routes nothing to it; the key keeps the other services (and anything
/// else inside the deployment) from replaying or discarding events. Without a configured key nobody gets in.
/// </summary>
internal sealed class OperatorKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (configuration[ServiceSettingKeys.OperatorKey] is not { Length: > 0 } expected)
        {
            return TypedResults.Problem(
                $"Operator endpoints are disabled: no operator key is configured ({ServiceSettingKeys.OperatorKey}).",
                statusCode: StatusCodes.Status403Forbidden, title: "No operator key configured");
        }

        var given = context.HttpContext.Request.Headers[ServiceSettingKeys.OperatorKeyHeader].ToString();
        // Alertmanager's webhook can send a bearer token but no header of its own choosing.
        if (given.Length == 0 && context.HttpContext.Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            given = authorization["Bearer ".Length..].Trim();
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(
                $"Send the operator key in {ServiceSettingKeys.OperatorKeyHeader}.", statusCode: StatusCodes.Status401Unauthorized, title: "Operator key required");
        }

        return await next(context);
    }
}
