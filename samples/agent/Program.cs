// A small agent that asks the gateway one question through Dapr.AiProvider.Client and prints the
// streamed answer and the gateway's routing decision. Runs against ./run.sh:
//   dotnet run --project samples/agent -- "Write a haiku about queues"
// Plain HTTP by default (AIPROVIDER_URL, default http://127.0.0.1:$AIPROVIDER_PORT or :8080); under a Dapr
// sidecar (DAPR_HTTP_PORT set, e.g. `dapr run --app-id agent -- dotnet run ...`) through the sidecar instead.
using Dapr.AiProvider.Client;
using Dapr.AiProvider.Samples.Agent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var settings = AgentSettings.FromEnvironment();
var prompt = args.Length > 0 ? string.Join(' ', args) : "In one sentence: why do agents need an AI gateway?";

var services = new ServiceCollection();
services.AddAiProviderChatClient(o =>
{
    o.Endpoint = settings.Endpoint; // null: Dapr service invocation through the agent's own sidecar
    o.ApiKey = settings.ApiKey;
    o.Model = settings.Model;
});
await using var provider = services.BuildServiceProvider();
var chat = provider.GetRequiredService<IChatClient>();

Console.WriteLine($"> {prompt}  [{settings.Describe()}]");
GatewayDecision? decision = null;
await foreach (var update in chat.GetStreamingResponseAsync(prompt))
{
    Console.Write(update.Text);
    decision ??= update.GetGatewayDecision();
}
Console.WriteLine();
Console.WriteLine(DecisionText.Format(decision));
