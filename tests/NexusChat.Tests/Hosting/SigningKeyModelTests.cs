using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// The AppHost hands the previous signing key to the api and realtime replicas only while an operator sets it
/// (a rotation, docs/hosting.md); otherwise there is no such parameter to ask for.
/// </summary>
public sealed class SigningKeyModelTests
{
    private const string PreviousKey = "previous-signing-key-0123456789abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public async Task DuringARotationEveryApiAndRealtimeReplicaGetsThePreviousKeyBesideTheCurrentOne()
    {
        var environments = await EnvironmentsAsync($"--Parameters:jwt-previous-signing-key={PreviousKey}");
        Assert.Equal(6, environments.Count);
        Assert.All(environments, e =>
        {
            Assert.Equal(AppHostArguments.SigningKey, e.Value["Auth__SigningKey"]);
            Assert.Equal(PreviousKey, e.Value["Auth__PreviousSigningKey"]);
        });
    }

    [Fact]
    public async Task WithoutARotationNoReplicaHasAPreviousKey()
    {
        var environments = await EnvironmentsAsync();
        Assert.Equal(6, environments.Count);
        Assert.All(environments, e => Assert.False(e.Value.ContainsKey("Auth__PreviousSigningKey"), e.Key));
    }

    // Only the Auth settings are resolved: the others point at endpoints, which have no address before a run.
    private static async Task<Dictionary<string, string>> AuthSettingsAsync(Dictionary<string, object> variables, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>();
        foreach (var (name, value) in variables.Where(v => v.Key.StartsWith("Auth__", StringComparison.Ordinal)))
        {
            settings[name] = value switch
            {
                string text => text,
                IValueProvider provider => await provider.GetValueAsync(cancellationToken) ?? string.Empty,
                _ => value.ToString() ?? string.Empty,
            };
        }

        return settings;
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> EnvironmentsAsync(params string[] extra)
    {
        var data = Directory.CreateTempSubdirectory("nexuschat-keys-").FullName;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
                [.. AppHostArguments.For("host", data), .. extra], timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
            var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
            var environments = new Dictionary<string, Dictionary<string, string>>();
            foreach (var service in builder.Resources.OfType<ProjectResource>().Where(p => p.Name.StartsWith("api-", StringComparison.Ordinal) || p.Name.StartsWith("realtime-", StringComparison.Ordinal)))
            {
                var context = new EnvironmentCallbackContext(execution, service, cancellationToken: timeout.Token);
                foreach (var callback in service.Annotations.OfType<EnvironmentCallbackAnnotation>())
                {
                    await callback.Callback(context);
                }

                environments[service.Name] = await AuthSettingsAsync(context.EnvironmentVariables, timeout.Token);
            }

            return environments;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
