using System.Text.RegularExpressions;

namespace NexusChat.Tests.Hosting.Deployment;

/// <summary>
/// A built container's environment as the kubelet assembles it: ConfigMaps named in <c>envFrom</c>, then <c>env</c>,
/// where a value is literal, a Secret key, or made of earlier variables through <c>$(NAME)</c>.
/// </summary>
internal sealed partial class KubernetesEnvironment
{
    private readonly Dictionary<string, (string? Value, string? SecretKey)> _variables = new(StringComparer.Ordinal);

    public static KubernetesEnvironment Of(IReadOnlyList<Dictionary<object, object>> objects, Dictionary<object, object> container)
    {
        var environment = new KubernetesEnvironment();
        foreach (var source in container.List("envFrom"))
        {
            var name = source.Map("configMapRef").Text("name");
            var configMap = objects.Single(o => o.Text("kind") == "ConfigMap" && o.Map("metadata").Text("name") == name);
            foreach (var (key, value) in configMap.MapOrNull("data") ?? [])
            {
                environment._variables[(string)key] = (value?.ToString(), null);
            }
        }

        foreach (var variable in container.List("env"))
        {
            var secret = variable.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef");
            environment._variables[variable.Text("name")!] = (variable.Text("value"), secret?.Text("key"));
        }

        return environment;
    }

    public bool Has(string name) => _variables.ContainsKey(name);

    /// <summary>The literal value with <c>$(NAME)</c> references to literal variables filled in.</summary>
    public string? ValueOf(string name) =>
        _variables[name].Value is { } value ? Reference().Replace(value, m => Has(m.Groups[1].Value) ? ValueOf(m.Groups[1].Value) ?? m.Value : m.Value) : null;

    /// <summary>The Secret keys a variable is made of, directly or through the variables it refers to.</summary>
    public IReadOnlySet<string> SecretKeysOf(string name)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var (value, secretKey) = _variables[name];
        if (secretKey is not null)
        {
            keys.Add(secretKey);
        }

        foreach (Match reference in Reference().Matches(value ?? ""))
        {
            if (Has(reference.Groups[1].Value))
            {
                keys.UnionWith(SecretKeysOf(reference.Groups[1].Value));
            }
        }

        return keys;
    }

    [GeneratedRegex(@"\$\(([A-Za-z0-9_]+)\)")]
    private static partial Regex Reference();
}
