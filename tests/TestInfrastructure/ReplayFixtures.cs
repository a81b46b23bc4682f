using System.Text.Json;
using Xunit;

namespace Dapr.AiProvider.TestInfrastructure;

/// <summary>
/// The real provider recordings of <c>../shared/replay/fixtures</c> (beside the repository, never copied into it;
/// see <c>../shared/replay/README.md</c>), each with the OpenAI-shaped answer the gateway must make of it.
/// </summary>
public static class ReplayFixtures
{
    public static string Directory { get; } = Find();

    /// <summary><c>../shared/replay/server.mjs</c>, the recordings' own server (<c>node server.mjs PORT</c>).</summary>
    public static string Server => Path.Combine(System.IO.Directory.GetParent(Directory)!.FullName, "server.mjs");

    public static IReadOnlyList<ReplayFixture> All { get; } = Load();

    public static TheoryData<string> Ids
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var fixture in All)
            {
                data.Add(fixture.Id);
            }
            return data;
        }
    }

    public static ReplayFixture Get(string id) => All.Single(f => f.Id == id);

    /// <summary><c>shared/replay/fixtures</c> in the nearest folder above the repository (CI: <c>../shared</c>; a git worktree may sit deeper).</summary>
    private static string Find()
    {
        for (var dir = new DirectoryInfo(RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "replay", "fixtures");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "replay", "fixtures"));
    }

    private static List<ReplayFixture> Load()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new DirectoryNotFoundException($"the replay fixtures are expected at {Directory} (../shared beside the clone)");
        }
        return System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(file => new ReplayFixture(JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone()))
            .ToList();
    }
}

/// <summary>One recording: what the provider sent (status, content type, body) and what the gateway must answer.</summary>
public sealed record ReplayFixture(JsonElement Json)
{
    public string Id => Json.GetProperty("id").GetString()!;
    public string Family => Json.GetProperty("family").GetString()!;
    public bool Stream => Json.GetProperty("stream").GetBoolean();
    public int Status => Json.GetProperty("status").GetInt32();
    public string ContentType => Json.GetProperty("headers").GetProperty("content-type").GetString()!;
    public string Body => Json.GetProperty("body").GetString()!;
    public JsonElement Expect => Json.GetProperty("expect");

    public JsonElement? Tools =>
        Json.TryGetProperty("request", out var request) && request.TryGetProperty("tools", out var tools)
            && tools.GetArrayLength() > 0 ? tools : null;
}
