using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Dapr.AiProvider.LocalDapr.Launcher.RunFile;

/// <summary>
/// Reads a run file as <c>dapr run -f</c> does (dapr/cli pkg/runfileconfig): <c>version</c> and each
/// <c>appDirPath</c> required; common paths relative to the file's folder, app paths relative to the
/// app's folder, all checked to exist; common shared settings fill what an app leaves unset; resources
/// precedence app &gt; <c>appDir/.dapr/resources</c> &gt; common &gt; <c>~/.dapr/components</c>.
/// </summary>
internal static class RunFileReader
{
    public static string Locate(string fileOrDir)
    {
        var full = Path.GetFullPath(PathResolver.ExpandHome(fileOrDir));
        var file = Directory.Exists(full) ? Path.Combine(full, "dapr.yaml") : full;
        return File.Exists(file) ? file : throw new RunFileException($"run file '{file}' does not exist");
    }

    public static IReadOnlyList<AppPlan> Read(string runFile, Func<int> freePort)
    {
        var model = Deserialize(runFile);
        if (model.Version == 0)
        {
            throw new RunFileException($"{runFile}: required field 'version' not found in the provided run template file");
        }

        if (model.Apps.Count == 0)
        {
            throw new RunFileException($"{runFile}: 'apps' lists no app");
        }

        var paths = new PathResolver(runFile);
        var baseDir = Path.GetDirectoryName(runFile)!;
        var common = model.Common;
        var commonResources = paths.ResolveAll(baseDir, "common.resourcesPaths", common.ResourcesPaths, common.ResourcesPath);
        var commonConfig = paths.Resolve(baseDir, "common.configFilePath", common.ConfigFilePath);

        // A port the file names is free until its app binds it, so a port picked for an unset one could be the same:
        // picked ports skip the named ones and each other (two apps of a test once got one port).
        var taken = model.Apps
            .SelectMany(a => new[] { a.AppPort, a.DaprHttpPort, a.DaprGrpcPort, a.DaprInternalGrpcPort, a.MetricsPort, a.ProfilePort })
            .OfType<int>().Where(port => port > 0).ToHashSet();
        int Unnamed()
        {
            while (true)
            {
                var port = freePort();
                if (port <= 0 || taken.Add(port))
                {
                    return port;
                }
            }
        }

        var plans = new List<AppPlan>();
        for (var i = 0; i < model.Apps.Count; i++)
        {
            var plan = AppPlanBuilder.Build(model.Apps[i], common, $"apps[{i}]", paths, baseDir, commonResources, commonConfig, Unnamed);
            if (plans.Any(p => p.AppId == plan.AppId))
            {
                throw new RunFileException($"{runFile}: app id '{plan.AppId}' appears twice");
            }

            plans.Add(plan);
        }

        return plans;
    }

    private static RunFileModel Deserialize(string runFile)
    {
        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        try
        {
            return deserializer.Deserialize<RunFileModel?>(File.ReadAllText(runFile)) ?? new RunFileModel();
        }
        catch (YamlException ex)
        {
            var detail = ex.InnerException?.Message ?? ex.Message;
            throw new RunFileException($"{runFile}: error in parsing the provided app config file at line {ex.Start.Line}: {detail}");
        }
    }
}
