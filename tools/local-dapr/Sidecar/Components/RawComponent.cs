using Dapr.AiProvider.LocalDapr.Sidecar.Secrets;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Components;

/// <summary>A Component as parsed, before secretKeyRef values are looked up.</summary>
internal sealed record RawComponent(ComponentSpec Spec, IReadOnlyDictionary<string, SecretRef> SecretRefs, string? SecretStore)
{
    public static RawComponent Parse(YamlMappingNode doc, string file)
    {
        var name = YamlFields.Scalar(doc, "metadata", "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw ResourceLoader.Error(file, "metadata.name is required");
        }
        var type = YamlFields.Scalar(doc, "spec", "type");
        if (string.IsNullOrWhiteSpace(type))
        {
            throw ResourceLoader.Error(file, $"component '{name}': spec.type is required");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var refs = new Dictionary<string, SecretRef>(StringComparer.Ordinal);
        foreach (var item in YamlFields.Sequence(doc, file, "spec", "metadata"))
        {
            ParseItem(item, file, name, values, refs);
        }
        var scopes = YamlFields.Sequence(doc, file, "scopes")
            .Select(s => s is YamlScalarNode { Value: { } v } ? v : throw ResourceLoader.Error(file, $"component '{name}': scopes must be a list of app ids"))
            .ToList();
        var spec = new ComponentSpec
        {
            Name = name,
            Type = type,
            Version = YamlFields.Scalar(doc, "spec", "version") ?? "v1",
            Metadata = values,
            Scopes = scopes,
            SourceFile = file,
        };
        return new RawComponent(spec, refs, YamlFields.Scalar(doc, "auth", "secretStore"));
    }

    public ComponentSpec Resolve(SecretStoreRegistry stores)
    {
        if (SecretRefs.Count == 0)
        {
            return Spec;
        }
        var file = Spec.SourceFile;
        if (SecretStore is null)
        {
            throw ResourceLoader.Error(file, $"component '{Spec.Name}': secretKeyRef needs auth.secretStore");
        }
        var store = stores.Find(SecretStore)
            ?? throw ResourceLoader.Error(file, $"component '{Spec.Name}': auth.secretStore '{SecretStore}' is not a loaded secret store");
        var values = new Dictionary<string, string>(Spec.Metadata, StringComparer.Ordinal);
        foreach (var (field, reference) in SecretRefs)
        {
            var secret = store.Get(reference.Name)
                ?? throw ResourceLoader.Error(file, $"component '{Spec.Name}': metadata '{field}': secret '{reference.Name}' not found in '{SecretStore}'");
            values[field] = secret.TryGetValue(reference.Key, out var value)
                ? value
                : throw ResourceLoader.Error(file, $"component '{Spec.Name}': metadata '{field}': secret '{reference.Name}' has no key '{reference.Key}'");
        }
        return Spec with { Metadata = values };
    }

    public static void CheckType(ComponentSpec spec)
    {
        if (!ResourceLoader.SupportedTypes.Contains(spec.Type))
        {
            throw ResourceLoader.Error(spec.SourceFile,
                $"component '{spec.Name}': spec.type '{spec.Type}' is not supported (supported: {string.Join(", ", ResourceLoader.SupportedTypes)})");
        }
    }

    private static void ParseItem(YamlNode item, string file, string component,
        Dictionary<string, string> values, Dictionary<string, SecretRef> refs)
    {
        if (item is not YamlMappingNode map || YamlFields.Scalar(map, "name") is not { Length: > 0 } field)
        {
            throw ResourceLoader.Error(file, $"component '{component}': line {item.Start.Line}: spec.metadata[].name is required");
        }
        if (YamlFields.Node(map, "secretKeyRef") is YamlMappingNode secretRef)
        {
            var secretName = YamlFields.Scalar(secretRef, "name");
            if (string.IsNullOrEmpty(secretName))
            {
                throw ResourceLoader.Error(file, $"component '{component}': metadata '{field}': secretKeyRef.name is required");
            }
            refs[field] = new SecretRef(secretName, YamlFields.Scalar(secretRef, "key") is { Length: > 0 } key ? key : secretName);
            return;
        }
        values[field] = YamlFields.Node(map, "value") switch
        {
            null => "",
            YamlScalarNode scalar => scalar.Value ?? "",
            var other => throw ResourceLoader.Error(file, $"component '{component}': line {other.Start.Line}: metadata '{field}': value must be a scalar"),
        };
    }
}

internal sealed record SecretRef(string Name, string Key);
