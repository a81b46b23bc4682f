using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.Quota.Keys;
using Dapr.AiProvider.Quota.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Dapr.AiProvider.Quota.Tests.Keys;

/// <summary>
/// Issue 19 item 8: an allow-list entry the router cannot read (it skips it, and a list of only such entries
/// allowed every model) is refused when the key is created.
/// </summary>
public sealed class AllowListValidationTests
{
    [Theory]
    [InlineData("openai")]
    [InlineData("openai/*")]
    [InlineData("openai/gpt-4o-mini")]
    [InlineData("github-models/openai/gpt-4o-mini")]
    [InlineData("huggingface/meta-llama/Llama-3.1-8B-Instruct")]
    [InlineData("ollama/llama3.1:8b")]
    public void IsValid_ShapesTheRouterReads_True(string entry) => Assert.True(AllowListEntry.IsValid(entry));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("openai/ ")]
    [InlineData(" openai")]
    [InlineData("openai/")]
    [InlineData("/gpt-4o")]
    [InlineData("openai//gpt-4o")]
    [InlineData("openai/gpt-4o/")]
    [InlineData("*")]
    [InlineData("openai/gpt-*")]
    [InlineData("open ai/gpt-4o")]
    [InlineData("openai/gpt 4o")]
    [InlineData("openai/gpt-4o\n")]
    [InlineData("-openai")]
    public void IsValid_MalformedEntry_False(string entry) => Assert.False(AllowListEntry.IsValid(entry));

    [Fact]
    public void IsValid_TooLong_False() => Assert.False(AllowListEntry.IsValid("openai/" + new string('m', 200)));

    [Fact]
    public void Validate_SeveralBadEntries_EachNamedWithItsIndex()
    {
        var errors = KeyRequestValidator.Validate(new CreateKeyRequest
        {
            Name = "a", Role = "user", AllowedModels = ["openai/gpt-4o", "openai/ ", "", "gemini"],
        });

        Assert.Equal(
            [
                "allowedModels[1] \"openai/ \" is not 'provider', 'provider/*' or 'provider/model' (no spaces, at most 200 characters).",
                "allowedModels[2] \"\" is not 'provider', 'provider/*' or 'provider/model' (no spaces, at most 200 characters).",
            ],
            errors["allowedModels"]);
    }

    [Theory]
    [InlineData("""["openai/ "]""")]
    [InlineData("""[""]""")]
    [InlineData("""["openai", "anthropic/claude sonnet"]""")]
    [InlineData("""[null]""")]
    [Trait("Category", "Process")]
    public async Task Create_MalformedAllowList_Is422ProblemNamingTheEntryAndNoKeyStored(string allowedModels)
    {
        await using var session = await QuotaAppSession.StartAsync(b => b.UseSetting("Quota:Keys:Pepper", "test-pepper-0123456789abcdef"));

        using var response = await session.Client.PostAsync("/quota/keys", new StringContent(
            $$"""{"name":"agent","role":"user","allowedModels":{{allowedModels}}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("allowedModels").EnumerateArray()).GetString();
        Assert.StartsWith("allowedModels[", message, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(session.ConnectionString, "SELECT count(*) FROM api_keys"));
    }
}
