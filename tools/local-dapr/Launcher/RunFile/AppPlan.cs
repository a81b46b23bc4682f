namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>One app of the run file with common settings merged and every path absolute.</summary>
internal sealed record AppPlan
{
    public required string AppId { get; init; }
    public required string AppDir { get; init; }
    public int? AppPort { get; init; }
    public string AppProtocol { get; init; } = "http";
    public string AppChannelAddress { get; init; } = "127.0.0.1";
    public required int DaprHttpPort { get; init; }
    public required int DaprGrpcPort { get; init; }
    public int? MetricsPort { get; init; }
    /// <summary>
    /// <c>unixDomainSocket</c> (absolute; a relative one is relative to <c>appDirPath</c>, where the sidecar runs): the
    /// sidecar's HTTP and gRPC API listen on <c>dapr-{appId}-http.socket</c> / <c>-grpc.socket</c> there instead of
    /// their ports. As with <c>dapr run</c>, the app is not told: its <c>env</c> says where to look.
    /// </summary>
    public string? UnixDomainSocket { get; init; }
    public IReadOnlyList<string> Command { get; init; } = [];
    /// <summary><c>common.env</c> merged under the app's <c>env</c> (app wins).</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> ResourcesPaths { get; init; } = [];
    public string? ConfigFile { get; init; }
    public required AppSection Shared { get; init; }
    public LogDestination DaprdLog { get; init; } = LogDestination.Console;
    public LogDestination AppLog { get; init; } = LogDestination.Console;

    /// <summary>The sidecar's socket file of <paramref name="api"/> (<c>http</c>, <c>grpc</c>); null without <see cref="UnixDomainSocket"/>.</summary>
    public string? SocketPath(string api) => UnixDomainSocket is { } dir ? $"{dir}/dapr-{AppId}-{api}.socket" : null;
}

[Flags]
internal enum LogDestination { Console = 1, File = 2, FileAndConsole = Console | File }
