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

    /// <summary>
    /// The router's Native AOT executable where <c>./test.sh</c> publishes it as the Dockerfile does
    /// (<c>$AIPROVIDER_LOCAL_DIR/publish/Router</c>, default <c>.local/publish/Router</c>).
    /// </summary>
    public static string AotRouter() => Published("Router", "Dapr.AiProvider.Router", "services/router/Router.csproj");

    /// <summary>provider-adapters' Native AOT executable, published beside the router's (<c>.local/publish/ProviderAdapters</c>).</summary>
    public static string AotAdapters() =>
        Published("ProviderAdapters", "Dapr.AiProvider.ProviderAdapters", "services/provider-adapters/ProviderAdapters.csproj");

    private static string Published(string folder, string executable, string project)
    {
        var localDir = Environment.GetEnvironmentVariable("AIPROVIDER_LOCAL_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, ".local");
        var path = Path.Combine(localDir, "publish", folder, executable);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not published; run ./test.sh, or publish it as the Dockerfile does: "
                + $"dotnet publish {project} -c Release -r linux-x64 -o {Path.GetDirectoryName(path)}");
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
