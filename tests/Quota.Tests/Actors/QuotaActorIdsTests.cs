using Dapr.Actors;
using Dapr.AiProvider.Contracts.Quota;

namespace Dapr.AiProvider.Quota.Tests.Actors;

/// <summary>
/// A scope's actor id is one URL path segment: Dapr.Actors puts the id unescaped into
/// <c>/v1.0/actors/{type}/{id}/method/{method}</c> (dapr/dotnet-sdk <c>src/Dapr.Actors/Constants.cs</c>,
/// <c>ActorMethodRelativeUrlFormat</c>), and daprd's HTTP API routes one segment per id.
/// </summary>
public sealed class QuotaActorIdsTests
{
    [Theory]
    [InlineData("global")]
    [InlineData("key:k_01")]
    [InlineData("team:qa")]
    [InlineData("provider:gemini:gemini-2.5-flash")]
    public void For_ScopeWithoutPathCharacters_IsTheScopeItself(string scope) =>
        Assert.Equal(scope, QuotaActorIds.For(scope).GetId()); // existing actors keep their state

    [Theory]
    [InlineData("provider:groq:openai/gpt-oss-120b", "provider:groq:openai~2Fgpt-oss-120b")]
    [InlineData("provider:cloudflare:@cf/meta/llama-3.1-8b-instruct", "provider:cloudflare:@cf~2Fmeta~2Fllama-3.1-8b-instruct")]
    [InlineData("provider:x:a?b#c%d\\e~f", "provider:x:a~3Fb~23c~25d~5Ce~7Ef")]
    public void For_ScopeWithPathCharacters_IsOneSegmentThatReadsBack(string scope, string id)
    {
        var actorId = QuotaActorIds.For(scope);

        Assert.Equal(id, actorId.GetId());
        Assert.Equal(scope, QuotaActorIds.ScopeOf(actorId));
    }

    [Fact]
    public void ScopeOf_TildeNotFollowedByHex_IsKeptAsWritten() =>
        Assert.Equal("provider:x:a~zz", QuotaActorIds.ScopeOf(new ActorId("provider:x:a~zz")));
}
