using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using NexusChat.Contracts.Hosting;

namespace NexusChat.Tests.Hosting;

/// <summary>
/// The topology a machine with Docker or Podman gets, checked on the application model without starting it
/// (no container engine is needed to build the model).
/// </summary>
public sealed class ContainerModeModelTests : IAsyncLifetime
{
    private static readonly string[] Apis = ["api-1", "api-2", "api-3"];
    private static readonly string[] Realtimes = ["realtime-1", "realtime-2", "realtime-3"];
    private static readonly string[] MongoMembers = ["mongo-1", "mongo-2", "mongo-3"];
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("nexuschat-model-").FullName;
    private IDistributedApplicationTestingBuilder _builder = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
            AppHostArguments.For("container", _dataDirectory), timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _builder.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task MongoIsAReplicaSetOfThreeContainersBehindOneConnectionString()
    {
        foreach (var name in MongoMembers)
        {
            var member = Assert.IsType<ContainerResource>(Resource(name), exactMatch: false);
            Assert.True(member.TryGetContainerImageName(out var image));
            Assert.Matches("(^|/)mongo:8", image);
            var args = await ArgumentsOf(member);
            Assert.Equal("rs0", args[args.IndexOf("--replSet") + 1]);
        }

        var mongo = Assert.IsAssignableFrom<IResourceWithConnectionString>(Resource(ResourceNames.Mongo));
        var connectionString = await mongo.GetConnectionStringAsync();
        Assert.NotNull(connectionString);
        Assert.Contains("replicaSet=rs0", connectionString, StringComparison.Ordinal);
        Assert.Equal(3, connectionString.Split(',').Length);
        Assert.Equal(MongoMembers, WaitsOf(mongo));
    }

    [Fact]
    public async Task RedisIsAPrimaryAReplicaAndThreeSentinelsBehindOneSentinelConnectionString()
    {
        string[] nodes = ["redis-1", "redis-2"];
        string[] sentinels = ["redis-sentinel-1", "redis-sentinel-2", "redis-sentinel-3"];
        foreach (var name in nodes.Concat(sentinels))
        {
            var container = Assert.IsType<ContainerResource>(Resource(name), exactMatch: false);
            Assert.True(container.TryGetContainerImageName(out var image));
            Assert.Matches("(^|/)redis:7", image);
        }

        var primaryPort = Resource("redis-1").Annotations.OfType<EndpointAnnotation>().Single().Port;
        Assert.DoesNotContain("replicaof", string.Join(' ', await ArgumentsOf(Resource("redis-1"))), StringComparison.Ordinal);
        Assert.Contains($"replicaof host.docker.internal {primaryPort}", string.Join(' ', await ArgumentsOf(Resource("redis-2"))), StringComparison.Ordinal);
        foreach (var name in sentinels)
        {
            var script = string.Join(' ', await ArgumentsOf(Resource(name)));
            Assert.Contains($"sentinel monitor nexuschat host.docker.internal {primaryPort} 2", script, StringComparison.Ordinal);
            Assert.Contains("sentinel down-after-milliseconds nexuschat 2000", script, StringComparison.Ordinal);
            Assert.EndsWith("--sentinel", script, StringComparison.Ordinal);
        }

        var redis = Assert.IsAssignableFrom<IResourceWithConnectionString>(Resource(ResourceNames.Redis));
        var connectionString = await redis.GetConnectionStringAsync();
        Assert.NotNull(connectionString);
        Assert.EndsWith(",serviceName=nexuschat", connectionString, StringComparison.Ordinal);
        Assert.Equal(3, connectionString.Split(',').Count(part => part.StartsWith("host.docker.internal:", StringComparison.Ordinal)));
        Assert.Equal(nodes.Concat(sentinels), WaitsOf(redis));
    }

    [Fact]
    public async Task TheLightTopologyRunsOneRedisContainer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var light = await DistributedApplicationTestingBuilder.CreateAsync<Projects.NexusChat_AppHost>(
            [.. AppHostArguments.For("container", _dataDirectory), "--NexusChat:Topology=light"], timeout.Token);

        Assert.IsType<RedisResource>(light.Resources.Single(r => r.Name == ResourceNames.Redis));
        Assert.DoesNotContain(light.Resources, r => r.Name.StartsWith("redis-", StringComparison.Ordinal));
    }

    [Fact]
    public void RabbitMqAndCoturnAreContainers()
    {
        Assert.IsType<RabbitMQServerResource>(Resource(ResourceNames.Messaging));
        var turn = Assert.IsType<ContainerResource>(Resource(ResourceNames.Turn));
        Assert.True(turn.TryGetContainerImageName(out var image));
        Assert.Contains("coturn", image, StringComparison.Ordinal);
    }

    [Fact]
    public void PrometheusAlertmanagerAndGrafanaAreTheOfficialImagesWithTheRepositorysRulesAndDashboard()
    {
        foreach (var (name, image) in new[] { ("prometheus", "prom/prometheus"), ("alertmanager", "prom/alertmanager"), ("grafana", "grafana/grafana") })
        {
            var container = Assert.IsType<ContainerResource>(Resource(name));
            Assert.True(container.TryGetContainerImageName(out var actual));
            Assert.Contains(image, actual, StringComparison.Ordinal);
        }

        var mounts = Resource("prometheus").Annotations.OfType<ContainerMountAnnotation>().ToList();
        Assert.Contains(mounts, m => m.Target == "/etc/nexuschat/rules" && File.Exists(Path.Combine(m.Source!, "alerts.yml")));
        var grafana = Resource("grafana").Annotations.OfType<ContainerMountAnnotation>().Single();
        Assert.True(File.Exists(Path.Combine(grafana.Source!, "dashboards", "nexuschat.json")), grafana.Source);
    }

    [Fact]
    public void ApiAndRealtimeRunThreeReplicasEachAndTheWorkerTwo()
    {
        var projects = _builder.Resources.OfType<ProjectResource>().Select(p => p.Name).ToHashSet();

        Assert.Superset(new HashSet<string>([.. Apis, .. Realtimes, .. WorkerReplicas.Names, ResourceNames.Web]), projects);
        Assert.Equal(9, projects.Count);
    }

    [Theory]
    [InlineData("api-1", new[] { "mongo", "redis", "messaging", "turn" })]
    [InlineData("api-3", new[] { "mongo", "redis", "messaging", "turn" })]
    [InlineData("realtime-2", new[] { "mongo", "redis", "messaging" })]
    [InlineData("worker-2", new[] { "mongo", "redis", "messaging" })]
    [InlineData("web", new[] { "api-1", "api-2", "api-3", "realtime-1", "realtime-2", "realtime-3" })]
    public void EachServiceWaitsForWhatItUses(string service, string[] dependencies) =>
        Assert.Equal(dependencies.Order(), WaitsOf(Resource(service)).Order());

    [Theory]
    [InlineData("api-2", new[] { "mongo", "redis", "messaging" })]
    [InlineData("realtime-1", new[] { "mongo", "redis", "messaging" })]
    [InlineData("worker-1", new[] { "mongo", "redis", "messaging" })]
    [InlineData("web", new[] { "api-1", "api-2", "api-3", "realtime-1", "realtime-2", "realtime-3" })]
    public void EachServiceReferencesWhatItUses(string service, string[] dependencies) =>
        Assert.Superset(dependencies.ToHashSet(), ReferencesOf(Resource(service)).ToHashSet());

    [Fact]
    public void EveryServiceHasAnHttpHealthCheckAndOnlyWebIsExternal()
    {
        foreach (var project in _builder.Resources.OfType<ProjectResource>())
        {
            Assert.True(project.TryGetAnnotationsOfType<HealthCheckAnnotation>(out var checks) && checks.Any(), $"{project.Name} has no health check");
            var external = project.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal);
            Assert.Equal(project.Name == ResourceNames.Web, external);
        }
    }

    [Fact]
    public async Task CoturnRefusesPrivateAndLoopbackPeersAndCapsAllocations()
    {
        var args = await ArgumentsOf(Resource(ResourceNames.Turn));

        Assert.Contains("--use-auth-secret", args);
        Assert.Contains("--no-multicast-peers", args);
        Assert.Contains("--denied-peer-ip=10.0.0.0-10.255.255.255", args);
        Assert.Contains("--denied-peer-ip=192.168.0.0-192.168.255.255", args);
        Assert.Contains("--denied-peer-ip=169.254.0.0-169.254.255.255", args);
        Assert.Contains("--user-quota=12", args);
        // One published relay port per allocation.
        Assert.Contains("--total-quota=200", args);
        // The same private ranges reached through NAT64, 6to4 and IPv4-mapped IPv6, loopback's included.
        Assert.Contains("--denied-peer-ip=64:ff9b::a00:0-64:ff9b::aff:ffff", args);
        Assert.Contains("--denied-peer-ip=64:ff9b::7f00:0-64:ff9b::7fff:ffff", args);
        Assert.Contains("--denied-peer-ip=2002:ac10:0::-2002:ac1f:ffff:ffff:ffff:ffff:ffff:ffff", args);
        Assert.Contains("--denied-peer-ip=2002:7f00:0::-2002:7fff:ffff:ffff:ffff:ffff:ffff:ffff", args);
        Assert.Contains("--denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255", args);
        // Not ::/96: coturn matches IPv4 peers against it, so it would deny every IPv4 peer.
        Assert.DoesNotContain("--denied-peer-ip=::-::ffff:ffff", args);
        // The container network holds Redis, RabbitMQ and MongoDB: no allowance may reopen it.
        Assert.Contains("--denied-peer-ip=172.16.0.0-172.31.255.255", args);
        Assert.DoesNotContain(args, a => a.StartsWith("--allowed-peer-ip", StringComparison.Ordinal));
        Assert.Contains("--no-tcp-relay", args);
        Assert.DoesNotContain("--allow-loopback-peers", args);
    }

    [Fact]
    public async Task CoturnPublishesItsUdpPortAndRelayRangeAndGetsItsSecretFromTheEnvironmentNotItsArguments()
    {
        var turn = Assert.IsType<ContainerResource>(Resource(ResourceNames.Turn));
        var args = await ArgumentsOf(turn);
        var runtimeArgs = new List<object>();
        foreach (var callback in turn.Annotations.OfType<ContainerRuntimeArgsCallbackAnnotation>())
        {
            await callback.Callback(new ContainerRuntimeArgsCallbackContext(runtimeArgs));
        }

        var environment = new Dictionary<string, object>();
        foreach (var callback in turn.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), environment));
        }

        var endpoints = turn.Annotations.OfType<EndpointAnnotation>().ToList();
        var udp = Assert.Single(endpoints, e => e.Protocol == System.Net.Sockets.ProtocolType.Udp);
        var tcp = Assert.Single(endpoints, e => e.Protocol == System.Net.Sockets.ProtocolType.Tcp);
        Assert.Equal((udp.Port, udp.TargetPort), (tcp.Port, tcp.TargetPort));
        Assert.Contains($"--listening-port={udp.TargetPort}", args);
        // The relay range coturn allocates from is the one published, over UDP.
        Assert.Equal(["--publish", "49152-49351:49152-49351/udp"], runtimeArgs.Select(a => a.ToString()));
        Assert.Contains("--min-port=49152", args);
        Assert.Contains("--max-port=49351", args);
        // The secret: a reference to the secret parameter in the environment; no argument names or carries it.
        var secret = Assert.IsType<ParameterResource>(Resource("turn-secret"));
        Assert.Same(secret, environment["TURN_SHARED_SECRET"]);
        Assert.DoesNotContain(args, a => a.Contains("static-auth-secret=", StringComparison.Ordinal) && !a.Contains("%s", StringComparison.Ordinal));
        Assert.Equal("/bin/sh", turn.Entrypoint);
        Assert.Contains("exec turnserver -c /tmp/turn-secret.conf", args[1], StringComparison.Ordinal);
        Assert.Contains("--use-auth-secret", args);
    }

    [Fact]
    public void SecretsAreGeneratedSecretParameters()
    {
        foreach (var name in new[] { "jwt-signing-key", "turn-secret", "operator-key" })
        {
            var parameter = Assert.IsType<ParameterResource>(Resource(name));
            Assert.True(parameter.Secret);
            Assert.NotNull(parameter.Default);
        }
    }

    private IResource Resource(string name) =>
        _builder.Resources.SingleOrDefault(r => r.Name == name) ?? throw new Xunit.Sdk.XunitException($"no resource named {name}");

    private static List<string> WaitsOf(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToList();

    private static IEnumerable<string> ReferencesOf(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(r => r.Type == "Reference")
            .Select(r => r.Resource.Name);

    private static async Task<List<string>> ArgumentsOf(IResource resource)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return args.Select(a => a.ToString()!).ToList();
    }
}
