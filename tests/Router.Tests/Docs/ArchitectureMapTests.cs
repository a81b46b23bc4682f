using System.Text.RegularExpressions;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.Router.Tests.Docs;

/// <summary>The map in the repository stays true: every repository path the docs name exists.</summary>
public partial class ArchitectureMapTests
{
    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string> { "docs/ARCHITECTURE.md" };
        foreach (var record in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs", "decisions"), "*.md").Order(StringComparer.Ordinal))
        {
            documents.Add(Path.GetRelativePath(RepoPaths.Root, record).Replace('\\', '/'));
        }
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryNamedPath_Exists(string document)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, document));

        var named = PathPattern().Matches(text).Select(m => m.Value.TrimEnd('.')).Where(p => p.Contains('/', StringComparison.Ordinal)).Distinct().ToList();
        var missing = named.Where(p => !File.Exists(Path.Combine(RepoPaths.Root, p.TrimStart('/')))).ToList();

        Assert.NotEmpty(named);
        Assert.True(missing.Count == 0, $"{document} names paths that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Decisions_AtLeastFourRecords()
    {
        Assert.True(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs", "decisions"), "*.md").Count() >= 4);
    }

    // The same pattern the before-stop hook uses: a repo-relative path ending in a known extension.
    [GeneratedRegex(@"[A-Za-z0-9_./-]+\.(cs|md|yaml|json|csproj|sh)\b")]
    private static partial Regex PathPattern();
}
