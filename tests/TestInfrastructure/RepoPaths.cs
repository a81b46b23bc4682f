namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>Locations in the repository and of built outputs (tests run after a Release build of the solution).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration =>
        Environment.GetEnvironmentVariable("AIPROVIDER_CONFIGURATION") ?? "Release";

    /// <summary>The built dll of a project, e.g. <c>Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")</c>.</summary>
    public static string Dll(string projectDir, string assemblyName)
    {
        var path = Path.Combine(Root, projectDir, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; run 'dotnet build -c {Configuration}' on the solution first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dapr.AiProvider.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dapr.AiProvider.sln not found above " + AppContext.BaseDirectory);
    }
}
