using System.Text.Json;
using System.Text.RegularExpressions;

namespace NexusChat.Tests.Hosting.Deployment;

/// <summary>
/// The AppHost's azd manifest read as the deployment files must mirror it: its services (projects and containers),
/// each one's environment variables and ports, and which secret parameters each variable's value is made of.
/// </summary>
internal sealed partial class PublishedModel(JsonElement resources)
{
    public IEnumerable<string> Projects => Names("project.v0");

    public IEnumerable<string> Containers => Names("container.v0");

    /// <summary>Parameters that are connection strings (MongoDB in publish mode): a service of their own in the compose file.</summary>
    public IEnumerable<string> ConnectionParameters =>
        resources.EnumerateObject().Where(r => Type(r.Value) == "parameter.v0" && r.Value.TryGetProperty("connectionString", out _)).Select(r => r.Name);

    public IReadOnlyDictionary<string, string> Environment(string resource) =>
        resources.GetProperty(resource).TryGetProperty("env", out var env)
            ? env.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString()!)
            : new Dictionary<string, string>();

    /// <summary>The container ports of a resource's endpoints, and the published port of an external one.</summary>
    public IEnumerable<int> Ports(string resource, bool withPublished = true)
    {
        if (!resources.GetProperty(resource).TryGetProperty("bindings", out var bindings))
        {
            yield break;
        }

        foreach (var binding in bindings.EnumerateObject().Select(b => b.Value))
        {
            if (binding.TryGetProperty("targetPort", out var target))
            {
                yield return target.GetInt32();
            }

            if (withPublished && binding.TryGetProperty("external", out var external) && external.GetBoolean())
            {
                yield return binding.GetProperty("port").GetInt32();
            }
        }
    }

    /// <summary>The container port a value such as <c>{redis.bindings.tcp.port}</c> stands for, or null when it is not one port.</summary>
    public int? PortOf(string value)
    {
        var match = PortReference().Match(value);
        return match.Success && resources.GetProperty(match.Groups[1].Value).GetProperty("bindings").GetProperty(match.Groups[2].Value)
                .TryGetProperty("targetPort", out var port)
            ? port.GetInt32()
            : null;
    }

    /// <summary>The secret parameters a value is built from, through connection strings and encoded copies.</summary>
    public IReadOnlySet<string> SecretsIn(string value)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(value, found, depth: 0);
        return found;
    }

    private void Collect(string value, HashSet<string> found, int depth)
    {
        foreach (Match reference in Reference().Matches(value))
        {
            var resource = resources.GetProperty(reference.Groups[1].Value);
            if (Type(resource) == "parameter.v0" && resource.GetProperty("inputs").GetProperty("value").TryGetProperty("secret", out var secret) && secret.GetBoolean())
            {
                found.Add(reference.Groups[1].Value);
            }
            else if (depth < 4 && resource.TryGetProperty(reference.Groups[2].Value, out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                Collect(inner.GetString()!, found, depth + 1);
            }
        }
    }

    private IEnumerable<string> Names(string type) => resources.EnumerateObject().Where(r => Type(r.Value) == type).Select(r => r.Name);

    private static string Type(JsonElement resource) => resource.GetProperty("type").GetString()!;

    [GeneratedRegex(@"\{([a-z0-9-]+)\.(value|connectionString)\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\{([a-z0-9-]+)\.bindings\.([a-z0-9-]+)\.(?:port|targetPort)\}$")]
    private static partial Regex PortReference();
}
