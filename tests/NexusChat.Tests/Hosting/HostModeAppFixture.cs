using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// The whole topology started once, in host mode (real redis-server, rabbitmq-server, turnserver processes
/// and every service replica), shared by the tests of one collection.
/// </summary>
public sealed class HostModeAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("nexuschat-apphost-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The gateway, the only endpoint a browser talks to (the testing builder randomizes its port).</summary>
    public Uri WebAddress => App.GetEndpoint(ResourceNames.Web, "http");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
            AppHostArguments.For("host", _dataDirectory),
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        // The services' own logs stay in their processes; the test output keeps the AppHost's warnings only.
        builder.Services.AddLogging(logging => logging.ClearProviders().AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        var resources = ResourceNamesToWaitFor(builder).ToList();
        App = await builder.BuildAsync(timeout.Token);
        try
        {
            await App.StartAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the AppHost did not start within {StartTimeout}: {States(resources)}");
        }
        foreach (var resource in resources)
        {
            try
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{resource} was not healthy within {StartTimeout}: {States(resources)}");
            }
        }
    }

    private string States(IEnumerable<string> resources) => string.Join("; ", resources.Select(name =>
        App.ResourceNotifications.TryGetCurrentState(name, out var state)
            ? $"{name} {state.Snapshot.State?.Text}/{state.Snapshot.HealthStatus}"
            : $"{name} unknown"));

    /// <summary>The embedded store every replica shares, for tests that write as a replica would (and then die).</summary>
    public string EmbeddedStorePath => Path.Combine(_dataDirectory, "nexuschat.db");

    /// <summary>The folder the api replicas share for uploads (staging) and, with the embedded store, completed files.</summary>
    public string FilesDirectory => Path.Combine(_dataDirectory, "files");

    public HttpClient CreateWebClient() => new() { BaseAddress = WebAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The gateway's management endpoint (its detailed <c>/health</c> and <c>/metrics</c>), never exposed.</summary>
    public HttpClient CreateManagementClient() => new()
    {
        BaseAddress = App.GetEndpoint(ResourceNames.Web, ServiceSettingKeys.ManagementEndpoint),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// The port the gateway itself listens on for browsers, behind the DCP proxy at <see cref="WebAddress"/>. The proxy
    /// connects from 127.0.0.1 whoever the client is; connecting here directly, a test can be any loopback address.
    /// </summary>
    public int WebListeningPort =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == ResourceNames.Web)
            .Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").TargetPort
        ?? throw new InvalidOperationException("the AppHost sets no target port on web's http endpoint");

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be writing as DCP tears it down; the temp folder is reclaimed by the OS.
        }
    }

    private static IEnumerable<string> ResourceNamesToWaitFor(IDistributedApplicationTestingBuilder builder) =>
        // Children (such as the project rebuilders Aspire adds) start only when asked to.
        builder.Resources.Where(r => r is not ParameterResource and not IResourceWithParent).Select(r => r.Name);
}

[CollectionDefinition(Name)]
public sealed class HostModeAppCollection : ICollectionFixture<HostModeAppFixture>
{
    public const string Name = "host-mode app";
}
