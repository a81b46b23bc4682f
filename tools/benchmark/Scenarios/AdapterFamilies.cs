using System.Net.Http.Headers;

namespace Dapr.AiProvider.Benchmark.Scenarios;

/// <summary>
/// One provider family as the adapters see it (provider/model in the catalog) and as the simulator
/// serves it directly (native path, body and auth headers) — the same prompt either way.
/// </summary>
internal sealed record AdapterFamily(string Provider, string Model, string DirectPath,
    Func<string, string> DirectBody, Action<HttpRequestHeaders> DirectHeaders)
{
    public static readonly IReadOnlyList<AdapterFamily> All =
    [
        new("openai", "gpt-4o-mini", "/openai/v1/chat/completions",
            prompt => Prompts.Chat("gpt-4o-mini", prompt, 0.7),
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", Stack.BenchStack.SimulatorKey)),
        new("anthropic", "claude-3-5-haiku-latest", "/anthropic/v1/messages",
            prompt => $$"""{"model":"claude-3-5-haiku-latest","max_tokens":64,"temperature":0.7,"messages":[{"role":"user","content":"{{prompt}}"}]}""",
            h => { h.Add("x-api-key", Stack.BenchStack.SimulatorKey); h.Add("anthropic-version", "2023-06-01"); }),
        new("gemini", "gemini-2.5-flash", "/gemini/v1beta/models/gemini-2.5-flash:generateContent",
            prompt => $$$"""{"contents":[{"role":"user","parts":[{"text":"{{{prompt}}}"}]}],"generationConfig":{"temperature":0.7,"maxOutputTokens":64}}""",
            h => h.Add("x-goog-api-key", Stack.BenchStack.SimulatorKey)),
    ];

    /// <summary>The router's call for this family: <c>AdapterChatRequest</c> around an OpenAI-shaped request.</summary>
    public string AdapterBody(string requestId, string prompt) =>
        $$"""{"requestId":"{{requestId}}","provider":"{{Provider}}","model":"{{Model}}","request":{{Prompts.Chat(Model, prompt, 0.7)}}}""";
}
