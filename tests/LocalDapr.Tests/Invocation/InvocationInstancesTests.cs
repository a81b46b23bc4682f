using System.Net;
using System.Text;
using Dapr.AiProvider.LocalDapr.Tests.Infrastructure;
using Dapr.AiProvider.TestInfrastructure;

namespace Dapr.AiProvider.LocalDapr.Tests.Invocation;

/// <summary>Two instances of one app id (calls spread over both) and a caller with a small <c>--max-body-size</c>.</summary>
[Trait("Category", "Process")]
public sealed class InvocationInstancesTests(TwinsFixture fixture) : IClassFixture<TwinsFixture>
{
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task Invoke_TwoInstancesOfOneAppId_CallsReachBoth()
    {
        var seen = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (seen.Count < 2 && DateTime.UtcNow < deadline)
        {
            seen.Add(await _http.GetStringAsync("v1.0/invoke/twins/method/whoami"));
        }

        Assert.Equal(["a", "b"], seen.Order());
    }

    [Fact]
    public async Task Invoke_ConsecutiveCalls_AlternateBetweenInstances()
    {
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await _http.GetStringAsync("v1.0/invoke/twins/method/whoami"));
        }

        Assert.Equal(3, answers.Count(a => a == "a"));
        Assert.Equal(3, answers.Count(a => a == "b"));
    }

    [Fact]
    public async Task Invoke_BodyOverMaxBodySize_Rejected500AndNotForwarded()
    {
        using var content = new StringContent(new string('x', 2048), Encoding.UTF8, "text/plain");

        using var response = await _http.PostAsync("v1.0/invoke/twins/method/echo", content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = CalleeApp.Json(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERR_DIRECT_INVOKE", error.GetProperty("errorCode").GetString());
        Assert.Contains("stream too large", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invoke_BodyUnderMaxBodySize_Forwarded()
    {
        using var content = new StringContent(new string('y', 900), Encoding.UTF8, "text/plain");

        using var response = await _http.PostAsync("v1.0/invoke/twins/method/echo", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(900, (await response.Content.ReadAsStringAsync()).Length);
    }

    [Fact]
    public async Task SaveState_BodyOverMaxBodySize_Returns400BodyRead()
    {
        var json = $$"""[{"key":"big","value":"{{new string('z', 2048)}}"}]""";

        using var response = await _http.PostAsync("v1.0/state/statestore", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_BODY_READ", CalleeApp.Json(await response.Content.ReadAsStringAsync()).GetProperty("errorCode").GetString());
    }
}
