using System.Text.Json;
using Dapr.AiProvider.Contracts;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Caching;

namespace Dapr.AiProvider.Router.Tests.Caching;

public class CacheKeyBuilderTests
{
    private static ChatCompletionRequest Parse(string json) =>
        JsonSerializer.Deserialize(json, ContractsJsonContext.Default.ChatCompletionRequest)!;

    [Fact]
    public void Build_SameRequestDifferentWhitespaceKeyOrderAndStreamFlag_SameKey()
    {
        var a = Parse("""{"model":"auto","temperature":0,"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"a":1,"b":2}}}]}""");
        var b = Parse("""
            { "stream": true, "messages": [ { "content": "hi", "role": "user" } ], "temperature": 0.0, "model": " AUTO ",
              "tools": [ { "function": { "parameters": { "b": 2, "a": 1 }, "name": "f" }, "type": "function" } ] }
            """);

        Assert.Equal(CacheKeyBuilder.Build("k1", "chat", a), CacheKeyBuilder.Build("k1", "chat", b));
    }

    [Fact]
    public void Build_TextPartsArrayAndPlainString_SameKey()
    {
        var parts = Parse("""{"messages":[{"role":"user","content":[{"type":"text","text":"hello"}]}]}""");
        var plain = Parse("""{"messages":[{"role":"user","content":"hello"}]}""");

        Assert.Equal(CacheKeyBuilder.Build("k1", "chat", parts), CacheKeyBuilder.Build("k1", "chat", plain));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hello!"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hello"}],"temperature":0.5}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hello"}],"max_tokens":10}""")]
    [InlineData("""{"model":"free","messages":[{"role":"user","content":"hello"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"hello"}],"response_format":{"type":"json_object"}}""")]
    [InlineData("""{"messages":[{"role":"system","content":"hello"}]}""")]
    public void Build_AnyMeaningfulDifference_DifferentKey(string other)
    {
        var baseline = Parse("""{"messages":[{"role":"user","content":"hello"}]}""");

        Assert.NotEqual(CacheKeyBuilder.Build("k1", "chat", baseline), CacheKeyBuilder.Build("k1", "chat", Parse(other)));
    }

    [Fact]
    public void Build_DifferentTenantOrTaskType_DifferentKey()
    {
        var request = Parse("""{"messages":[{"role":"user","content":"hello"}]}""");

        var key = CacheKeyBuilder.Build("k1", "chat", request);

        Assert.NotEqual(key, CacheKeyBuilder.Build("k2", "chat", request));
        Assert.NotEqual(key, CacheKeyBuilder.Build("k1", "summarize", request));
        Assert.Equal(64, key.Length);
    }
}
