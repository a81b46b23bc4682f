using System.Text.Json;
using System.Xml.Linq;
using Dapr.AiProvider.Deployment.Tests.Infrastructure;

namespace Dapr.AiProvider.Deployment.Tests.Rules;

/// <summary>
/// The Dockerfile (no engine here to build it; CI builds it, .github/workflows/images.yml): a final stage per
/// service on the chiseled ASP.NET runtime with an exec-form entrypoint on the service's assembly — the router's and
/// provider-adapters' on chiseled runtime-deps, their entrypoint the Native AOT executable — the manifests' UID,
/// restore cached from project files; a .dockerignore that keeps build output, secrets and tests out; manifests
/// that deploy pinned tags.
/// </summary>
public sealed class ImageRulesTests
{
    private static readonly string[] NativeServices = ["router", "provider-adapters"];

    public static TheoryData<string, string> Services() => new()
    {
        { "router", "services/router/Router.csproj" },
        { "quota", "services/quota/Quota.csproj" },
        { "provider-adapters", "services/provider-adapters/ProviderAdapters.csproj" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void FinalStage_ChiseledRuntime_ExecEntrypointOnTheServiceAssembly(string service, string project)
    {
        var assembly = XDocument.Load(RepoPaths.File(project.Split('/'))).Descendants("AssemblyName").Single().Value;
        var instructions = Dockerfile.Lineage(service);
        var entrypoint = instructions.Last(i => i.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..];

        if (NativeServices.Contains(service))
        {
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-[a-z]+-chiseled$", Dockerfile.Base(service));
            Assert.Equal(["/app/" + assembly], JsonSerializer.Deserialize<string[]>(entrypoint)!);
        }
        else
        {
            Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0-[a-z]+-chiseled$", Dockerfile.Base(service));
            Assert.Equal(["dotnet", assembly + ".dll"], JsonSerializer.Deserialize<string[]>(entrypoint)!);
        }
        Assert.Contains(instructions, i => i == $"USER {ManifestUid}:{ManifestUid}");
        Assert.Contains(Dockerfile.Named(service).Instructions, i => i.StartsWith("COPY --from=publish-" + service + " ", StringComparison.Ordinal));
        Assert.Contains(Dockerfile.Named("publish-" + service).Instructions, i => i.Contains($"dotnet publish {project}", StringComparison.Ordinal) && i.Contains("--no-restore", StringComparison.Ordinal));
    }

    /// <summary>
    /// The router and provider-adapters are published as Native AOT: the project says so (so the build runs the AOT
    /// analyzers and the request delegate generator the tests then exercise), its publish names the runtime identifier
    /// its restore restored for, and the build stage has the linker (clang) and zlib.
    /// </summary>
    [Theory]
    [InlineData("router", "services/router/Router.csproj")]
    [InlineData("provider-adapters", "services/provider-adapters/ProviderAdapters.csproj")]
    public void NativeService_PublishedAsNativeAot_ForTheRuntimeItsRestoreRestored(string service, string project)
    {
        var csproj = XDocument.Load(RepoPaths.File(project.Split('/')));
        var publish = Assert.Single(Dockerfile.Named("publish-" + service).Instructions, i => i.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        var build = Dockerfile.Named("build").Instructions;

        Assert.Equal("true", csproj.Descendants("PublishAot").Single().Value);
        Assert.Contains(" -r linux-x64 ", publish, StringComparison.Ordinal);
        Assert.Contains(build, i => i.Contains($"dotnet restore {project} -r linux-x64", StringComparison.Ordinal));
        Assert.Contains(build, i => i.StartsWith("RUN apt-get", StringComparison.Ordinal) && i.Contains("clang zlib1g-dev", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildStage_RestoresFromProjectFilesBeforeCopyingSources()
    {
        var build = Dockerfile.Named("build").Instructions.ToList();
        var restore = build.FindIndex(i => i.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copyAll = build.IndexOf("COPY . .");

        Assert.InRange(restore, 0, copyAll - 1);
        Assert.All(build.Take(restore).Where(i => i.StartsWith("COPY ", StringComparison.Ordinal)),
            copy => Assert.Matches(@"^COPY (\S+\.(csproj|props|json) )+\S+/?$", copy));
        foreach (var (_, project) in Services().Select(r => ((string)r[0], (string)r[1])))
        {
            Assert.Contains(build.Take(restore), i => i.StartsWith($"COPY {project} ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("**/bin/")]
    [InlineData("**/obj/")]
    [InlineData(".git/")]
    [InlineData(".local/")]
    [InlineData("**/secrets.json")]
    [InlineData("tests/")]
    [InlineData("k8s/")]
    public void DockerIgnore_KeepsOut(string pattern)
    {
        var lines = File.ReadAllLines(RepoPaths.File(".dockerignore")).Select(l => l.Trim());

        Assert.Contains(pattern, lines);
    }

    [Theory]
    [MemberData(nameof(ResourceSets.KubernetesRoots), MemberType = typeof(ResourceSets))]
    public void Manifests_RunTheImagesUidAndPinnedTags(string root)
    {
        foreach (var workload in Workload.In(Kustomize.Render(root)))
        {
            var image = (string)workload.Container["image"]!;
            Assert.Matches(@"^ghcr\.io/dapr-aiprovider/[a-z-]+:[0-9]+\.[0-9]+\.[0-9]+$", image);
            Assert.Equal(ManifestUid, (long?)workload.Pod["securityContext"]!["runAsUser"]);
            Assert.Equal(ManifestUid, (long?)workload.Pod["securityContext"]!["runAsGroup"]);
        }
    }

    [Fact]
    public void Workflow_BuildsEveryTargetAndPushesOnlyOnTags()
    {
        var workflow = YamlDocument.Load(RepoPaths.File(".github", "workflows", "images.yml")).Single().Json;
        var targets = workflow["jobs"]!["image"]!["strategy"]!["matrix"]!["include"]!.AsArray().Select(i => (string?)i!["service"]);
        var build = workflow["jobs"]!["image"]!["steps"]!.AsArray().Single(s => ((string?)s!["uses"])?.StartsWith("docker/build-push-action", StringComparison.Ordinal) == true)!;

        Assert.Equal(Dockerfile.Stages.Select(s => s.Name).Where(n => Services().Any(r => (string)r[0] == n)).Order(StringComparer.Ordinal), targets.Order(StringComparer.Ordinal));
        Assert.Equal("${{ startsWith(github.ref, 'refs/tags/') }}", (string?)build["with"]!["push"]);
    }

    private const long ManifestUid = 10001;
}
