using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;

/// <summary>
/// Reads every <c>kind: Resiliency</c> document from the resources paths (each <c>*.yaml</c>/<c>*.yml</c>
/// file of each folder, several documents per file allowed, other kinds skipped), keeps those whose
/// <c>scopes</c> are empty or name this app (daprd <c>LoadLocalResiliency</c> + <c>filterResiliencyConfigs</c>)
/// and merges them. Any bad field throws <see cref="ResiliencyConfigurationException"/>.
/// </summary>
internal static class ResiliencyLoader
{
    public static ResiliencyModel Load(IEnumerable<string> resourcesPaths, string appId)
    {
        var model = new ResiliencyModel();
        var references = new List<PolicyReference>();
        foreach (var file in YamlFiles(resourcesPaths))
        {
            foreach (var document in Documents(file))
            {
                if (document is not YamlMappingNode root || !IsResiliency(root))
                {
                    continue;
                }

                var fields = new ResiliencyYamlFields(file);
                var apiVersion = fields.String(root, "apiVersion", "apiVersion");
                if (apiVersion != "dapr.io/v1alpha1")
                {
                    throw fields.Error("apiVersion", $"expected 'dapr.io/v1alpha1', found '{apiVersion}'");
                }

                var scopes = fields.StringList(root, "scopes", "scopes");
                if (scopes.Count > 0 && !scopes.Contains(appId, StringComparer.Ordinal))
                {
                    continue;
                }

                var name = fields.String(fields.Map(root, "metadata", "metadata"), "name", "metadata.name") ?? Path.GetFileName(file);
                model.ResourceNames.Add(name);
                var spec = fields.Map(root, "spec", "spec") ?? throw fields.Error("spec", "is required");
                ResiliencyPolicyReader.Read(fields, fields.Map(spec, "policies", "spec.policies"), model);
                ResiliencyTargetReader.Read(fields, fields.Map(spec, "targets", "spec.targets"), model, references);
            }
        }

        foreach (var reference in references)
        {
            reference.Check(model);
        }

        return model;
    }

    private static bool IsResiliency(YamlMappingNode root) =>
        ResiliencyYamlFields.Child(root, "kind") is YamlScalarNode { Value: "Resiliency" };

    private static IEnumerable<string> YamlFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                yield return path;
                continue;
            }

            if (!Directory.Exists(path))
            {
                continue;
            }

            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                yield return file;
            }
        }
    }

    private static IReadOnlyList<YamlNode> Documents(string file)
    {
        var text = File.ReadAllText(file);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Select(d => d.RootNode).ToList();
        }
        catch (YamlException ex)
        {
            // Unreadable files of other kinds are the component loader's to report.
            if (!text.Contains("Resiliency", StringComparison.Ordinal))
            {
                return [];
            }

            throw new ResiliencyConfigurationException(
                $"Invalid Resiliency resource in '{file}': line {ex.Start.Line}: {ex.Message}");
        }
    }
}
