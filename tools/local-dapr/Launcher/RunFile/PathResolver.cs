namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>The CLI's path rules: <c>~</c> expanded, relative to a base folder, must exist.</summary>
internal sealed class PathResolver(string runFile)
{
    public static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;

    public string? Resolve(string baseDir, string field, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(baseDir, ExpandHome(path))));
        return File.Exists(full) || Directory.Exists(full)
            ? full
            : throw new RunFileException($"{runFile}: {field}: path '{full}' does not exist");
    }

    /// <summary>A <c>resourcesPaths</c> list with the deprecated <c>resourcesPath</c> appended, as the CLI merges them.</summary>
    public List<string> ResolveAll(string baseDir, string field, IEnumerable<string>? paths, string? single)
    {
        var result = new List<string>();
        var i = 0;
        foreach (var path in paths ?? [])
        {
            result.Add(Resolve(baseDir, $"{field}[{i++}]", path)!);
        }

        if (Resolve(baseDir, field.Replace("resourcesPaths", "resourcesPath", StringComparison.Ordinal), single) is { } extra)
        {
            result.Add(extra);
        }

        return result;
    }
}
