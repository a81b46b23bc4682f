using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Dapr.AiProvider.Deployment.Tests.Infrastructure;

/// <summary>compose.yaml as <c>docker-compose config</c> resolves it (Debian's docker-compose, installed by scripts/infra.sh):
/// anchors merged, variables interpolated from the tokens given here.</summary>
public static class ComposeFile
{
    public static readonly IReadOnlyDictionary<string, string> Tokens = new Dictionary<string, string>
    {
        ["DAPR_API_TOKEN"] = "dapr-token-for-the-test",
        ["APP_API_TOKEN"] = "app-token-for-the-test",
        ["AIPROVIDER_BOOTSTRAP_KEY"] = "aip_for_the_test",
    };

    private static readonly Lazy<(int ExitCode, string Output, string Error)> Resolved = new(() => Run(Tokens));

    public static (int ExitCode, string Output, string Error) Config(IReadOnlyDictionary<string, string>? env = null) =>
        env is null ? Resolved.Value : Run(env);

    public static JsonObject Services
    {
        get
        {
            var (exitCode, output, error) = Resolved.Value;
            Assert.True(exitCode == 0, error);
            return YamlDocument.ParseAll(output, "docker-compose config").Single().Json["services"]!.AsObject();
        }
    }

    private static (int, string, string) Run(IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("docker-compose", ["-f", RepoPaths.File("compose.yaml"), "config"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var name in Tokens.Keys)
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker-compose did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
