using System.Text.Json;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting;

/// <summary>The azd manifest the AppHost publishes: every service and parameter, MongoDB as a managed connection string.</summary>
public sealed class ManifestTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-manifest-").FullName;
    private JsonElement _resources;

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "manifest.json");
        var result = await AppHostProcess.RunAsync(
            ["--publisher", "manifest", "--output-path", path],
            new Dictionary<string, string>(),
            TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"publishing failed: {result.Output}{result.Error}");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        _resources = manifest.RootElement.GetProperty("resources").Clone();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(ResourceNames.Api)]
    [InlineData(ResourceNames.Realtime)]
    [InlineData(ResourceNames.Worker)]
    [InlineData(ResourceNames.Web)]
    public void EveryServiceIsAProject(string service) =>
        Assert.StartsWith("project.", Type(service), StringComparison.Ordinal);

    [Theory]
    [InlineData(ResourceNames.Redis)]
    [InlineData(ResourceNames.Messaging)]
    [InlineData(ResourceNames.Turn)]
    public void InfrastructureIsContainers(string resource) =>
        Assert.StartsWith("container.", Type(resource), StringComparison.Ordinal);

    [Fact]
    public void MongoIsAConnectionStringParameterForAManagedReplicaSet()
    {
        Assert.Equal("parameter.v0", Type(ResourceNames.Mongo));
        Assert.False(_resources.TryGetProperty("mongo-1", out _), "publish mode must not ship mongo containers");
    }

    [Theory]
    [InlineData("jwt-signing-key")]
    [InlineData("turn-secret")]
    public void SecretsAreSecretParameters(string name)
    {
        Assert.Equal("parameter.v0", Type(name));
        Assert.True(_resources.GetProperty(name).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
    }

    [Fact]
    public void OnlyWebHasAnExternalEndpoint()
    {
        foreach (var resource in _resources.EnumerateObject().Where(r => r.Value.TryGetProperty("bindings", out _)))
        {
            var external = resource.Value.GetProperty("bindings").EnumerateObject()
                .Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
            Assert.True(external == (resource.Name == ResourceNames.Web), $"{resource.Name}: external={external}");
        }
    }

    [Fact]
    public void TheGatewaysManagementEndpointIsInternalAndTheGatewayKnowsItsPort()
    {
        var web = _resources.GetProperty(ResourceNames.Web);
        var management = web.GetProperty("bindings").GetProperty(ServiceSettingKeys.ManagementEndpoint);

        Assert.False(management.TryGetProperty("external", out var external) && external.GetBoolean(), "the management endpoint is external");
        Assert.Equal($"{{web.bindings.{ServiceSettingKeys.ManagementEndpoint}.targetPort}}",
            web.GetProperty("env").GetProperty(ServiceSettingKeys.AsEnvironmentVariable(ServiceSettingKeys.ManagementPort)).GetString());
    }

    private string Type(string resource) =>
        _resources.TryGetProperty(resource, out var value)
            ? value.GetProperty("type").GetString()!
            : throw new Xunit.Sdk.XunitException($"{resource} is not in the manifest: {_resources}");
}
