namespace NexusChat.Tests.Infrastructure;

/// <summary>
/// The servers and the browser the tests start themselves. On a developer's machine a missing one skips the tests that
/// need it, with the reason. Where the test command has installed them (<c>CI=true</c>, which <c>./build.sh test</c>
/// sets) a missing one fails those tests instead: a skip there would hide that they never ran.
/// </summary>
public static class RequiredTools
{
    public static bool MustBePresent =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <param name="missingReasons">Why each tool is unusable, or null for those that are present.</param>
    public static void SkipOrFailIfMissing(params string?[] missingReasons) => SkipOrFailIfMissing(MustBePresent, missingReasons);

    public static void SkipOrFailIfMissing(bool mustBePresent, params string?[] missingReasons)
    {
        var reason = string.Join(" ", missingReasons.Where(r => r is not null));
        if (reason.Length == 0)
        {
            return;
        }

        if (mustBePresent)
        {
            throw new InvalidOperationException($"CI=true, so this test must run, but {reason}");
        }

        Skip.If(true, reason);
    }

    /// <summary>The RabbitMQ node and the Redis server the event bus tests start.</summary>
    public static void EventBusServers() =>
        SkipOrFailIfMissing(RabbitMqServerFixture.MissingReason, RedisServerFixture.MissingReason);
}
