namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>Where the repository and the shared Dapr CRD schemas are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// <c>shared/dapr-crds</c> beside the repository (../shared from the root of a clone; worktrees sit one level
    /// deeper, so the nearest ancestor that has it wins). Read from there, never copied into the repository.
    /// </summary>
    public static string DaprCrds(string release)
    {
        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "dapr-crds", release);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"shared/dapr-crds/{release} not found beside {Root} or above it");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Dapr.AiProvider.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (Dapr.AiProvider.sln) not found above " + AppContext.BaseDirectory);
    }
}
