using System.Text.Json;
using System.Text.RegularExpressions;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting.Deployment;

/// <summary>
/// deploy/ kept in step with the AppHost model: every service, environment variable, port and secret of the azd
/// manifest appears in the Docker Compose file and in the Kubernetes objects each overlay builds (kubectl kustomize,
/// offline), and the Kubernetes objects carry the probes, autoscalers and disruption budgets.
/// </summary>
public sealed partial class DeploymentModelTests : IAsyncLifetime
{
    private static readonly string[] KubernetesServices = [ResourceNames.Api, ResourceNames.Realtime, ResourceNames.Worker, ResourceNames.Web];
    private readonly string _folder = Directory.CreateTempSubdirectory("nexuschat-deploy-").FullName;
    private PublishedModel _model = null!;
    private Dictionary<object, object> _compose = null!;
    private readonly Dictionary<string, IReadOnlyList<Dictionary<object, object>>> _kubernetes = [];

    public async Task InitializeAsync()
    {
        var path = Path.Combine(_folder, "manifest.json");
        var result = await AppHostProcess.RunAsync(["--publisher", "manifest", "--output-path", path], new Dictionary<string, string>(), TimeSpan.FromSeconds(120));
        Assert.True(result.ExitCode == 0, $"publishing failed: {result.Output}{result.Error}");
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        _model = new PublishedModel(manifest.RootElement.GetProperty("resources").Clone());
        _compose = DeploymentFiles.ComposeServices();
        Assert.True(File.Exists(DeploymentFiles.Kubectl), $"{DeploymentFiles.Kubectl} is missing: these tests build the manifests with it.");
        foreach (var overlay in DeploymentFiles.Overlays)
        {
            _kubernetes[overlay] = await DeploymentFiles.BuildAsync(Path.Combine("overlays", overlay));
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void EveryServiceOfTheManifestIsInTheComposeFileWithItsEnvironmentPortsAndSecrets()
    {
        var problems = new List<string>();
        foreach (var resource in _model.Projects.Concat(_model.Containers).Concat(_model.ConnectionParameters))
        {
            var services = ComposeServicesOf(resource);
            if (services.Count == 0)
            {
                problems.Add($"{resource}: no compose service named {resource} or {resource}-…");
                continue;
            }

            foreach (var port in _model.Ports(resource).Where(port => !services.SelectMany(s => s.Value.Scalars()).Any(v => HasNumber(v, port))))
            {
                problems.Add($"{resource}: port {port} appears in none of {string.Join(", ", services.Keys)}");
            }

            foreach (var (service, settings) in services)
            {
                var environment = settings.MapOrNull("environment") ?? [];
                foreach (var (name, value) in _model.Environment(resource))
                {
                    if (!environment.TryGetValue(name, out var composed))
                    {
                        problems.Add($"{service}: {name} is not set");
                        continue;
                    }

                    var text = composed?.ToString() ?? "";
                    problems.AddRange(_model.SecretsIn(value).Where(secret => !text.Contains("${" + UpperSnake(secret), StringComparison.Ordinal))
                        .Select(secret => $"{service}: {name} does not take ${{{UpperSnake(secret)}}} (the parameter {secret})"));
                    if (_model.PortOf(value) is { } port && !HasNumber(text, port))
                    {
                        problems.Add($"{service}: {name} is '{text}', not port {port}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryOverlayBuildsEachServiceWithTheManifestsEnvironmentSecretsAndPorts()
    {
        Assert.NotEmpty(_kubernetes);
        var problems = new List<string>();
        foreach (var (overlay, objects) in _kubernetes)
        {
            Assert.Equal(KubernetesServices.Order(), _model.Projects.Order());
            foreach (var service in KubernetesServices)
            {
                var container = Container(objects, service);
                var environment = KubernetesEnvironment.Of(objects, container);
                foreach (var (name, value) in _model.Environment(service))
                {
                    if (!environment.Has(name))
                    {
                        problems.Add($"{overlay}/{service}: {name} is not set");
                        continue;
                    }

                    var secrets = environment.SecretKeysOf(name);
                    problems.AddRange(_model.SecretsIn(value).Where(secret => !secrets.Contains(secret))
                        .Select(secret => $"{overlay}/{service}: {name} is not made of the secret key {secret}"));
                    if (_model.PortOf(value) is { } port && environment.ValueOf(name) != port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        problems.Add($"{overlay}/{service}: {name} is '{environment.ValueOf(name)}', not port {port}");
                    }
                }

                var containerPorts = container.List("ports").Select(p => p.Text("containerPort")).ToHashSet();
                // The published port of the gateway is the Ingress's business here; its container ports must be there.
                problems.AddRange(_model.Ports(service, withPublished: false)
                    .Where(port => !containerPorts.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Select(port => $"{overlay}/{service}: no container port {port}"));
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EachServiceIsReadyOnHealthAliveOnAliveAndKeptByADisruptionBudgetAndApiAndRealtimeAutoscale()
    {
        foreach (var objects in _kubernetes.Values)
        {
            foreach (var service in KubernetesServices)
            {
                var container = Container(objects, service);
                Assert.Equal("/health", container.Map("readinessProbe").Map("httpGet").Text("path"));
                Assert.Equal("/alive", container.Map("livenessProbe").Map("httpGet").Text("path"));
                Assert.Contains(objects, o => o.Text("kind") == "PodDisruptionBudget"
                    && o.Map("spec").Map("selector").Map("matchLabels").Text("app.kubernetes.io/name") == service);
            }

            var scaled = objects.Where(o => o.Text("kind") == "HorizontalPodAutoscaler").Select(o => o.Map("spec").Map("scaleTargetRef").Text("name"));
            Assert.Equal([ResourceNames.Api, ResourceNames.Realtime], scaled.Order());
        }
    }

    private Dictionary<string, object> ComposeServicesOf(string resource) =>
        _compose.Where(s => (string)s.Key == resource || ((string)s.Key).StartsWith(resource + "-", StringComparison.Ordinal))
            .ToDictionary(s => (string)s.Key, s => s.Value);

    private static Dictionary<object, object> Container(IReadOnlyList<Dictionary<object, object>> objects, string service)
    {
        var deployment = objects.SingleOrDefault(o => o.Text("kind") == "Deployment" && o.Map("metadata").Text("name") == service)
            ?? throw new Xunit.Sdk.XunitException($"no Deployment named {service}");
        return (Dictionary<object, object>)Assert.Single(deployment.Map("spec").Map("template").Map("spec").List("containers"));
    }

    private static bool HasNumber(string text, int number) =>
        Regex.IsMatch(text, $@"(?<!\d){number}(?!\d)");

    private static string UpperSnake(string parameter) => parameter.Replace('-', '_').ToUpperInvariant();
}
