using YamlDotNet.Serialization;

namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>
/// The multi-app run template as the Dapr CLI reads it (dapr/cli pkg/standalone/run.go RunConfig /
/// SharedRunConfig YAML names). Unknown fields are ignored, as yaml.v2 does. Binding type only.
/// </summary>
internal sealed class RunFileModel
{
    [YamlMember(Alias = "version")] public int Version { get; set; }
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "common")] public AppSection Common { get; set; } = new();
    [YamlMember(Alias = "apps")] public List<AppSection> Apps { get; set; } = [];
}

/// <summary>One <c>apps[]</c> entry, or <c>common</c> (which only uses the shared fields).</summary>
internal sealed class AppSection
{
    // RunConfig (per app)
    [YamlMember(Alias = "appID")] public string? AppId { get; set; }
    [YamlMember(Alias = "appDirPath")] public string? AppDirPath { get; set; }
    [YamlMember(Alias = "appPort")] public int? AppPort { get; set; }
    [YamlMember(Alias = "daprHTTPPort")] public int? DaprHttpPort { get; set; }
    [YamlMember(Alias = "daprGRPCPort")] public int? DaprGrpcPort { get; set; }
    [YamlMember(Alias = "daprInternalGRPCPort")] public int? DaprInternalGrpcPort { get; set; }
    [YamlMember(Alias = "metricsPort")] public int? MetricsPort { get; set; }
    [YamlMember(Alias = "profilePort")] public int? ProfilePort { get; set; }
    [YamlMember(Alias = "command")] public List<string>? Command { get; set; }
    [YamlMember(Alias = "appChannelAddress")] public string? AppChannelAddress { get; set; }
    /// <summary>RunConfig's <c>unixDomainSocket</c> (an app field, not in SharedRunConfig): passed as <c>--unix-domain-socket</c>.</summary>
    [YamlMember(Alias = "unixDomainSocket")] public string? UnixDomainSocket { get; set; }

    // SharedRunConfig (common, overridden per app)
    [YamlMember(Alias = "resourcesPaths")] public List<string>? ResourcesPaths { get; set; }
    [YamlMember(Alias = "resourcesPath")] public string? ResourcesPath { get; set; }
    [YamlMember(Alias = "configFilePath")] public string? ConfigFilePath { get; set; }
    [YamlMember(Alias = "appProtocol")] public string? AppProtocol { get; set; }
    [YamlMember(Alias = "logLevel")] public string? LogLevel { get; set; }
    [YamlMember(Alias = "enableAppHealthCheck")] public bool? EnableAppHealthCheck { get; set; }
    [YamlMember(Alias = "appHealthCheckPath")] public string? AppHealthCheckPath { get; set; }
    [YamlMember(Alias = "appHealthProbeInterval")] public int? AppHealthProbeInterval { get; set; }
    [YamlMember(Alias = "appHealthProbeTimeout")] public int? AppHealthProbeTimeout { get; set; }
    [YamlMember(Alias = "appHealthThreshold")] public int? AppHealthThreshold { get; set; }
    [YamlMember(Alias = "enableApiLogging")] public bool? EnableApiLogging { get; set; }
    [YamlMember(Alias = "appMaxConcurrency")] public int? AppMaxConcurrency { get; set; }
    [YamlMember(Alias = "maxBodySize")] public string? MaxBodySize { get; set; }
    [YamlMember(Alias = "readBufferSize")] public string? ReadBufferSize { get; set; }
    [YamlMember(Alias = "placementHostAddress")] public string? PlacementHostAddress { get; set; }
    [YamlMember(Alias = "schedulerHostAddress")] public string? SchedulerHostAddress { get; set; }
    [YamlMember(Alias = "daprdLogDestination")] public string? DaprdLogDestination { get; set; }
    [YamlMember(Alias = "appLogDestination")] public string? AppLogDestination { get; set; }
    [YamlMember(Alias = "env")] public Dictionary<string, string>? Env { get; set; }
}
