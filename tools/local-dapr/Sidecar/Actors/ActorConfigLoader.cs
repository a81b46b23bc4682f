using System.Net;
using System.Text.Json;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;
using Dapr.AiProvider.LocalDapr.Sidecar.State;

namespace Dapr.AiProvider.LocalDapr.Sidecar.Actors;

/// <summary>Reads the app's <c>GET /dapr/config</c> once the app port is open and publishes the hosted types.</summary>
internal sealed partial class ActorConfigLoader(
    AppChannel app,
    SidecarOptions options,
    ActorRuntime runtime,
    ActorPlacement placement,
    IStateStoreRegistry stores,
    ILogger<ActorConfigLoader> logger)
{
    private const int Attempts = 10;

    public async Task LoadAsync(CancellationToken ct)
    {
        if (options.AppPort == 0)
        {
            runtime.SetConfig(ActorRuntimeConfig.None);
            return;
        }
        await app.Ready.WaitAsync(ct);
        var config = await FetchAsync(ct);
        if (config.Entities.Count > 0)
        {
            if (stores.ActorStore is null)
            {
                Log.NoActorStore(logger);
            }
            await placement.RegisterTypesAsync(config.Entities);
            Log.Hosting(logger, string.Join(", ", config.Entities));
        }
        runtime.SetConfig(config);
    }

    private async Task<ActorRuntimeConfig> FetchAsync(CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await app.Client.GetAsync("dapr/config", ct);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return ActorRuntimeConfig.None;
                }
                if (response.IsSuccessStatusCode)
                {
                    return ActorRuntimeConfig.Parse(await response.Content.ReadAsByteArrayAsync(ct));
                }
            }
            catch (JsonException ex)
            {
                Log.BadConfig(logger, ex.Message);
                return ActorRuntimeConfig.None;
            }
            catch (HttpRequestException ex)
            {
                Log.ConfigFailed(logger, ex.Message, attempt);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
        }
        return ActorRuntimeConfig.None;
    }

    private static partial class Log
    {
        [LoggerMessage(231, LogLevel.Information, "hosting actor types: {Types}")]
        public static partial void Hosting(ILogger logger, string types);

        [LoggerMessage(232, LogLevel.Error, "the app hosts actors but no state store has actorStateStore: \"true\"")]
        public static partial void NoActorStore(ILogger logger);

        [LoggerMessage(233, LogLevel.Error, "GET /dapr/config returned an invalid body: {Error}")]
        public static partial void BadConfig(ILogger logger, string error);

        [LoggerMessage(234, LogLevel.Warning, "GET /dapr/config failed: {Error} (attempt {Attempt})")]
        public static partial void ConfigFailed(ILogger logger, string error, int attempt);
    }
}
