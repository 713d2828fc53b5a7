namespace NexusChat.AppHost.Services;

/// <summary>
/// The access-token signing keys the api and realtime replicas share: the current one (a generated secret
/// parameter) and, during a rotation, the previous one (docs/hosting.md, "Rotating the signing key"), whose tokens
/// stay valid until they expire. The previous key exists only while an operator sets
/// <c>Parameters:jwt-previous-signing-key</c>, so an ordinary run asks for nothing.
/// </summary>
public sealed record SigningKeys(IResourceBuilder<ParameterResource> Current, IResourceBuilder<ParameterResource>? Previous)
{
    public const string CurrentName = "jwt-signing-key";
    public const string PreviousName = "jwt-previous-signing-key";

    public static SigningKeys Add(IDistributedApplicationBuilder builder)
    {
        var current = builder.AddParameter(CurrentName, new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
        var previous = string.IsNullOrEmpty(builder.Configuration[$"Parameters:{PreviousName}"])
            ? null
            : builder.AddParameter(PreviousName, secret: true);
        return new SigningKeys(current, previous);
    }
}

public static class SigningKeyExtensions
{
    public static IResourceBuilder<ProjectResource> WithSigningKeys(this IResourceBuilder<ProjectResource> service, SigningKeys keys)
    {
        service.WithEnvironment("Auth__SigningKey", keys.Current);
        return keys.Previous is null ? service : service.WithEnvironment("Auth__PreviousSigningKey", keys.Previous);
    }
}
