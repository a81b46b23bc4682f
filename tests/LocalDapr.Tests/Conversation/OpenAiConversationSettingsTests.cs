using Dapr.AiProvider.LocalDapr.Sidecar.Components;
using Dapr.AiProvider.LocalDapr.Sidecar.Conversation;
using Dapr.AiProvider.LocalDapr.Sidecar.Hosting;

namespace Dapr.AiProvider.LocalDapr.Tests.Conversation;

/// <summary>
/// conversation.openai metadata as components-contrib reads it: conversation/metadata.go (key, model, endpoint,
/// responseCacheTTL alias cacheTTL), conversation/models.go (OPENAI_MODEL env, then metadata, then gpt-5-nano),
/// conversation/openai/metadata.yaml (key required).
/// </summary>
public sealed class OpenAiConversationSettingsTests
{
    [Fact]
    public void Parse_AllFields_ReadsThem()
    {
        var settings = OpenAiConversationSettings.Parse(Spec(("key", "k1"), ("model", "auto"), ("endpoint", "http://gw:8080/v1/"), ("cacheTTL", "10m")), NoEnv);

        Assert.Equal("k1", settings.Key);
        Assert.Equal("auto", settings.Model);
        Assert.Equal("http://gw:8080/v1", settings.Endpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(TimeSpan.FromMinutes(10), settings.CacheTtl);
    }

    [Fact]
    public void Parse_NoModelNoEndpoint_OpenAiDefaults()
    {
        var settings = OpenAiConversationSettings.Parse(Spec(("key", "k1")), NoEnv);

        Assert.Equal("gpt-5-nano", settings.Model);
        Assert.Equal("https://api.openai.com/v1", settings.Endpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Null(settings.CacheTtl);
    }

    [Fact]
    public void Parse_OpenAiModelEnvironmentVariable_WinsOverMetadata()
    {
        var settings = OpenAiConversationSettings.Parse(Spec(("key", "k1"), ("model", "auto")), name => name == "OPENAI_MODEL" ? "gpt-4.1" : null);

        Assert.Equal("gpt-4.1", settings.Model);
    }

    [Fact]
    public void Parse_ResponseCacheTtl_IsTheSameField()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), OpenAiConversationSettings.Parse(Spec(("key", "k"), ("responseCacheTTL", "1m30s")), NoEnv).CacheTtl);
    }

    [Theory]
    [InlineData("key", "", "metadata 'key' is required")]
    [InlineData("endpoint", "ftp://x", "metadata 'endpoint' 'ftp://x' is not an http(s) URL")]
    [InlineData("cacheTTL", "soon", "metadata 'cacheTTL' 'soon' is not a positive Go duration")]
    [InlineData("apiType", "azure", "apiType 'azure' is not supported")]
    public void Parse_BadMetadata_StopsTheStartNamingFileAndField(string field, string value, string expected)
    {
        var fields = new List<(string, string)> { ("key", "k1") };
        fields.RemoveAll(f => f.Item1 == field);
        fields.Add((field, value));

        var error = Assert.Throws<SidecarStartupException>(() => OpenAiConversationSettings.Parse(Spec([.. fields]), NoEnv));

        Assert.Contains("llm.yaml: component 'llm': " + expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24 * 3600, "24h0m0s")]
    [InlineData(90, "1m30s")]
    [InlineData(5, "5s")]
    public void GoDurationString_AsGoPrintsIt(int seconds, string expected) =>
        Assert.Equal(expected, OpenAiChatRequest.GoDurationString(TimeSpan.FromSeconds(seconds)));

    private static string? NoEnv(string name) => null;

    private static ComponentSpec Spec(params (string Name, string Value)[] metadata) => new()
    {
        Name = "llm",
        Type = "conversation.openai",
        SourceFile = "llm.yaml",
        Metadata = metadata.ToDictionary(m => m.Name, m => m.Value),
    };
}
