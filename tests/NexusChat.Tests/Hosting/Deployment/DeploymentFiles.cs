using System.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace NexusChat.Tests.Hosting.Deployment;

/// <summary>deploy/: the compose file as Compose reads it (anchors and merge keys resolved) and the Kubernetes objects as kustomize builds them.</summary>
internal static class DeploymentFiles
{
    public static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../deploy"));
    public const string Kubectl = "/usr/bin/kubectl";

    public static IReadOnlyList<string> Overlays =>
        Directory.GetDirectories(Path.Combine(Root, "k8s", "overlays")).Select(Path.GetFileName).ToList()!;

    /// <summary>The compose file's services, each a map of its settings.</summary>
    public static Dictionary<object, object> ComposeServices()
    {
        using var reader = new StreamReader(Path.Combine(Root, "compose", "docker-compose.yml"));
        var compose = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader)))!;
        return (Dictionary<object, object>)compose["services"];
    }

    /// <summary>Runs <c>kubectl kustomize</c> on a folder under deploy/k8s, offline; the objects it printed.</summary>
    public static async Task<IReadOnlyList<Dictionary<object, object>>> BuildAsync(string folder)
    {
        var start = new ProcessStartInfo(Kubectl, ["kustomize", Path.Combine(Root, "k8s", folder)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {await error}");

        var parser = new Parser(new StringReader(await output));
        var deserializer = new DeserializerBuilder().Build();
        var objects = new List<Dictionary<object, object>>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            objects.Add((Dictionary<object, object>)deserializer.Deserialize(parser)!);
        }

        return objects;
    }

    public static Dictionary<object, object> Map(this object node, string key) => (Dictionary<object, object>)((Dictionary<object, object>)node)[key];

    public static Dictionary<object, object>? MapOrNull(this object node, string key) =>
        ((Dictionary<object, object>)node).TryGetValue(key, out var value) ? (Dictionary<object, object>?)value : null;

    public static List<object> List(this object node, string key) =>
        ((Dictionary<object, object>)node).TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Text(this object node, string key) =>
        ((Dictionary<object, object>)node).TryGetValue(key, out var value) ? value?.ToString() : null;

    /// <summary>Every scalar under a node, for "does this port appear anywhere in the service".</summary>
    public static IEnumerable<string> Scalars(this object? node) => node switch
    {
        Dictionary<object, object> map => map.SelectMany(e => e.Key.Scalars().Concat(e.Value.Scalars())),
        List<object> list => list.SelectMany(Scalars),
        null => [],
        _ => [node.ToString()!],
    };
}
