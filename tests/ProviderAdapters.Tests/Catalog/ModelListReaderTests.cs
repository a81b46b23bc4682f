using Dapr.AiProvider.ProviderAdapters.Catalog;

namespace Dapr.AiProvider.ProviderAdapters.Tests.Catalog;

public sealed class ModelListReaderTests
{
    [Fact]
    public void Ids_OpenAiShapedList_DataIds() =>
        Assert.Equal(["gpt-6-luna", "gpt-6-sol"], ModelListReader.Ids("openai-compatible",
            """{"object":"list","data":[{"id":"gpt-6-luna","object":"model"},{"id":"gpt-6-sol","object":"model"}]}""")!.Order());

    [Fact]
    public void Ids_GeminiList_NamesWithoutModelsPrefix() =>
        Assert.Equal(["gemini-2.5-flash", "gemini-2.5-pro"], ModelListReader.Ids("gemini",
            """{"models":[{"name":"models/gemini-2.5-flash"},{"name":"models/gemini-2.5-pro"}]}""")!.Order());

    [Theory]
    [InlineData("anthropic", """{"data":[{"id":"claude-haiku-5-5"}],"has_more":true,"last_id":"claude-haiku-5-5"}""")]
    [InlineData("gemini", """{"models":[{"name":"models/gemini-2.5-flash"}],"nextPageToken":"abc"}""")]
    [InlineData("openai", """{"object":"list","data":[]}""")]
    [InlineData("openai", """<html>502 Bad Gateway</html>""")]
    [InlineData("openai", """{"error":{"message":"nope"}}""")]
    public void Ids_PartialEmptyOrUnreadableList_IsNullSoNothingIsDropped(string family, string body) =>
        Assert.Null(ModelListReader.Ids(family, body));
}
