using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Secrets;

/// <summary>
/// <c>secretstores.local.file</c>: a JSON file read at start. Nested objects are flattened with
/// <c>nestedSeparator</c> (default ":"); with <c>multiValued: true</c> each top-level key is one secret
/// holding its (flattened) children.
/// </summary>
internal sealed class LocalFileSecretStore : ISecretStore
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _secrets = new(StringComparer.Ordinal);

    public LocalFileSecretStore(ComponentSpec spec)
    {
        Name = spec.Name;
        var file = spec.Get("secretsFile")
            ?? throw new SidecarStartupException($"{spec.SourceFile}: component '{spec.Name}': metadata secretsFile is required");
        var path = Resolve(file, spec.SourceFile);
        var separator = spec.Get("nestedSeparator") ?? ":";
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            root = doc.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new SidecarStartupException($"{spec.SourceFile}: component '{spec.Name}': cannot read secretsFile '{path}': {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SidecarStartupException($"{spec.SourceFile}: component '{spec.Name}': secretsFile '{path}' must hold a JSON object");
        }
        if (spec.GetBool("multiValued"))
        {
            foreach (var property in root.EnumerateObject())
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                Flatten(property.Value, property.Value.ValueKind == JsonValueKind.Object ? "" : property.Name, separator, values);
                _secrets[property.Name] = values;
            }
            return;
        }
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(root, "", separator, flat);
        foreach (var (key, value) in flat)
        {
            _secrets[key] = new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value };
        }
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string>? Get(string key) => _secrets.GetValueOrDefault(key);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> GetAll() => _secrets;

    private static string Resolve(string file, string sourceFile)
    {
        if (Path.IsPathRooted(file) || File.Exists(file))
        {
            return Path.GetFullPath(file);
        }
        var besideComponent = Path.Combine(Path.GetDirectoryName(sourceFile) ?? ".", file);
        return File.Exists(besideComponent) ? besideComponent : Path.GetFullPath(file);
    }

    private static void Flatten(JsonElement element, string prefix, string separator, Dictionary<string, string> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + separator + property.Name, separator, into);
        }
    }
}
