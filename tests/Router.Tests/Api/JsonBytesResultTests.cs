using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Contracts.Chat;
using Dapr.AiProvider.Router.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dapr.AiProvider.Router.Tests.Api;

public class JsonBytesResultTests
{
    /// <summary>
    /// A completion answer is written sized (<see cref="JsonBytesResult.Serialized{T}"/>) where it was written with
    /// <c>TypedResults.Json</c>: the caller must read the same bytes and content type as before, now with its length.
    /// The text has what encoders escape differently (non-ASCII, HTML-sensitive characters, quotes, a surrogate pair).
    /// </summary>
    [Fact]
    public async Task Serialized_WritesTypedResultsJsonBytesAndContentTypeWithItsLength()
    {
        var completion = new ChatCompletionResponse
        {
            Id = "chatcmpl-1", Created = 1_700_000_000, Model = "openai/gpt-4o-mini",
            Choices = [new ChatChoice { Message = new AssistantMessage { Content = "héllo <b>&</b> 'it' \"quoted\" 😀 \u2028" }, FinishReason = "stop" }],
            Usage = OpenAiUsage.From(new() { InputTokens = 3, OutputTokens = 4 }),
        };

        var (typedBytes, typedType, typedLength) = await WriteAsync(TypedResults.Json(completion, RouterJsonContext.Default.ChatCompletionResponse));
        var (sizedBytes, sizedType, sizedLength) = await WriteAsync(JsonBytesResult.Serialized(completion, RouterJsonContext.Default.ChatCompletionResponse));

        Assert.Equal(Encoding.UTF8.GetString(typedBytes), Encoding.UTF8.GetString(sizedBytes));
        Assert.Equal(typedBytes, sizedBytes);
        Assert.Equal(typedType, sizedType);
        Assert.Null(typedLength); // written into the pipe and flushed: Kestrel sends it chunked
        Assert.Equal(sizedBytes.Length, sizedLength);
        Assert.Equal("héllo <b>&</b> 'it' \"quoted\" 😀 \u2028", JsonDocument.Parse(sizedBytes).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    private static async Task<(byte[] Body, string? ContentType, long? ContentLength)> WriteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (body.ToArray(), context.Response.ContentType, context.Response.ContentLength);
    }
}
