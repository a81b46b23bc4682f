using Dapr.AiProvider.LocalDapr.Sidecar;
using Dapr.AiProvider.LocalDapr.Sidecar.Actors;
using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Conversation;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.PubSub;
using Dapr.AiProvider.LocalDapr.Sidecar.Resiliency;
using Dapr.AiProvider.LocalDapr.Sidecar.Tracing;

try
{
    var (options, ignoredFlags) = SidecarOptionsParser.Parse(args, Environment.GetEnvironmentVariable);
    var (resources, secrets) = ResourceLoader.Load(options);
    var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
    builder.AddSidecarHost(options, resources, secrets);
    builder.AddSidecarTracing(options);
    builder.Services.AddPubSubFeature().AddActorsFeature().AddResiliencyFeature().AddConversationFeature(resources);

    var app = builder.Build();
    app.ValidateAtStart(ignoredFlags);
    app.UseSidecarPipeline();
    app.MapSidecarApi();
    app.MapPubSubApi();
    app.MapActorsApi();
    app.MapConversationApi();
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (Exception e) when (e is SidecarStartupException or ResiliencyConfigurationException or IOException)
{
    await Console.Error.WriteLineAsync("fatal: " + e.Message);
    return 1;
}
catch (OperationCanceledException)
{
    // Stopped (SIGTERM/Ctrl-C) while still starting: a normal shutdown, not a crash.
    return 0;
}
