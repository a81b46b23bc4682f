using System.Text.RegularExpressions;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>The repository's Dockerfile as a list of stages (FROM … AS name, then its instructions).</summary>
public static partial class Dockerfile
{
    public sealed record Stage(string Name, string From, IReadOnlyList<string> Instructions);

    public static IReadOnlyList<Stage> Stages { get; } = Parse(File.ReadAllText(RepoPaths.File("Dockerfile")));

    public static Stage Named(string name) => Stages.Single(s => s.Name == name);

    /// <summary>The stage and its ancestors' instructions, nearest last (what the image is made of).</summary>
    public static IReadOnlyList<string> Lineage(string name)
    {
        var stage = Named(name);
        var parent = Stages.FirstOrDefault(s => s.Name == stage.From);
        return parent is null ? stage.Instructions : [.. Lineage(parent.Name), .. stage.Instructions];
    }

    public static string Base(string name)
    {
        var stage = Named(name);
        return Stages.Any(s => s.Name == stage.From) ? Base(stage.From) : stage.From;
    }

    private static List<Stage> Parse(string text)
    {
        var stages = new List<Stage>();
        List<string>? current = null;
        foreach (var line in Continuation().Replace(text, " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (FromLine().Match(line) is { Success: true } from)
            {
                current = [];
                stages.Add(new Stage(from.Groups[2].Value, from.Groups[1].Value, current));
                continue;
            }
            current?.Add(line);
        }
        return stages;
    }

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^FROM\s+(\S+)\s+AS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}
