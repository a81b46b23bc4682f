using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Adapters;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Contracts.Embeddings;
using Dapr.AiProvider.ProviderAdapters.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Api;

/// <summary>
/// The answers leave with the bytes <c>TypedResults.Ok</c> wrote with the app's HTTP JSON options (the router reads
/// them), though <see cref="SizedJson"/> serialises them through <see cref="AnswerJsonContext"/>'s fast path.
/// </summary>
public sealed class SizedJsonTests
{
    /// <summary>Quotes, a backslash, control characters, HTML-sensitive and non-ASCII text, a surrogate pair.</summary>
    private const string Awkward = "say \"hi\" \\ <b>&'+</b>\n\t\u0001 — ü 日本 😀";

    /// <summary>The HTTP JSON options as the app has them: ASP.NET Core's (web defaults, relaxed escaping) with ContractsJsonContext first.</summary>
    private static JsonSerializerOptions AppHttpOptions()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractsJsonContext.Default));
        return services.BuildServiceProvider().GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
    }

    public static TheoryData<string> ChatAnswers => ["full", "nulls"];

    [Theory]
    [MemberData(nameof(ChatAnswers))]
    public void ChatAnswer_HasTheHttpOptionsBytes(string shape)
    {
        var answer = shape == "full" ? FullAnswer() : new AdapterChatResult();
        var expected = JsonSerializer.SerializeToUtf8Bytes(answer, AppHttpOptions());

        var actual = SizedJson.Serialize(answer, AnswerJsonContext.Default.AdapterChatResult);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EmbeddingAnswer_HasTheHttpOptionsBytes()
    {
        var answer = new AdapterEmbeddingResult
        {
            Vectors = [[0.1f, -1.5e-8f, 3.4028235E+38f, 0f], []],
            Usage = new AdapterUsageReport { Provider = "openai", Model = Awkward, CostMicros = 3, ProviderLatencyMs = 0.1 },
        };
        var expected = JsonSerializer.SerializeToUtf8Bytes(answer, AppHttpOptions());

        var actual = SizedJson.Serialize(answer, AnswerJsonContext.Default.AdapterEmbeddingResult);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
    }

    /// <summary>Each thread's buffer is reused, and one grown past what is kept is let go: either way every answer is whole and alone.</summary>
    [Fact]
    public void Answers_OneAfterAnother_LargeAndSmall_AreEachExact()
    {
        var large = new AdapterEmbeddingResult { Vectors = [.. Enumerable.Range(0, 40).Select(i => Enumerable.Range(0, 512).Select(j => i + j / 1000f).ToArray())] };
        var small = FullAnswer();
        var options = AppHttpOptions();

        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(small, options), SizedJson.Serialize(small, AnswerJsonContext.Default.AdapterChatResult));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(large, options), SizedJson.Serialize(large, AnswerJsonContext.Default.AdapterEmbeddingResult));
        }
    }

    [Fact]
    public void ChatAnswer_WritesNullsAndTextUnescaped_AsTheRouterHasAlwaysRead()
    {
        var answer = new AdapterChatResult
        {
            Completion = new ChatCompletionResponse { Choices = [new ChatChoice { Message = new AssistantMessage { Content = "“ü” <b>" } }] },
        };

        var json = Encoding.UTF8.GetString(SizedJson.Serialize(answer, AnswerJsonContext.Default.AdapterChatResult));

        Assert.Contains("\"content\":\"“ü” <b>\",\"tool_calls\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"headroom\":null", json, StringComparison.Ordinal);
    }

    /// <summary>Why the context exists: with no encoder of its own, System.Text.Json can take its generated fast path.</summary>
    [Fact]
    public void AnswerContext_HasTheGeneratedFastPath()
    {
        Assert.Null(AnswerJsonContext.Default.Options.Encoder);
        Assert.NotNull(AnswerJsonContext.Default.AdapterChatResult.SerializeHandler);
        Assert.NotNull(AnswerJsonContext.Default.AdapterEmbeddingResult.SerializeHandler);
    }

    private static AdapterChatResult FullAnswer()
    {
        using var tools = JsonDocument.Parse("""[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"q\":\"\u00fc \u2014 <x>\"}"}}]""");
        return new AdapterChatResult
        {
            Completion = new ChatCompletionResponse
            {
                Id = "chatcmpl-1",
                Created = 1796690786,
                Model = "gpt-4o-mini",
                Choices =
                [
                    new ChatChoice
                    {
                        Message = new AssistantMessage { Content = Awkward, ToolCalls = tools.RootElement.Clone(), Refusal = Awkward },
                        FinishReason = "tool_calls",
                    },
                ],
                Usage = new OpenAiUsage
                {
                    PromptTokens = 4, CompletionTokens = 15, TotalTokens = 19,
                    PromptTokensDetails = new PromptTokensDetails { CachedTokens = 2, CacheWriteTokens = 1 },
                    CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 3 },
                },
                SystemFingerprint = "fp_sim0001",
            },
            Usage = new AdapterUsageReport
            {
                Provider = "openai",
                Model = "gpt-4o-mini",
                Tokens = new TokenUsage { InputTokens = 4, CachedInputTokens = 2, OutputTokens = 15, ReasoningTokens = 3 },
                CostMicros = 10,
                PriceTableVersion = "2026-12-06",
                ProviderLatencyMs = 2.425,
                Headroom = new ProviderHeadroom
                {
                    RemainingRequests = 999_986_255,
                    RemainingTokens = null,
                    RequestsResetAt = new DateTimeOffset(2026, 12, 8, 0, 46, 26, TimeSpan.Zero).AddTicks(8_182_087),
                    TokensResetAt = new DateTimeOffset(2026, 12, 8, 1, 46, 26, TimeSpan.FromHours(1)),
                    Limits = [new LearnedLimit { Metric = "requests", Window = QuotaWindowKind.Minute, Limit = 1_000_000_000 }],
                },
                FinishReason = "tool_calls",
            },
        };
    }
}
