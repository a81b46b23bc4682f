using System.Net;
using System.Text;
using System.Text.Json;
using Dapr.AiProvider.Router.Tests.Api;

namespace Dapr.AiProvider.Router.Tests.Security;

/// <summary>Issue #19.8: a caller-chosen task type reaches a metric label or the ledger only as a name of the closed list.</summary>
public class CallerStringTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task UnknownTaskType_Is422_RecordedAsOther_NeverALabel()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();
        using var anonymous = factory.CreateClient();
        var hostile = "zz-" + new string('q', 10_000);

        using var task = await client.PostAsync("/ai/process", Json($$"""{"taskType":"{{hostile}}","prompt":"hi"}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json("""{"messages":[{"role":"user","content":"hi"}]}""") };
        request.Headers.Add("x-aiprovider-task-type", "zz-header-" + new string('h', 2_000));
        using var chat = await client.SendAsync(request);
        var taskBody = await task.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, task.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, chat.StatusCode);
        using (var problem = JsonDocument.Parse(taskBody))
        {
            var detail = problem.RootElement.GetProperty("detail").GetString()!;
            Assert.StartsWith("Unknown task type 'zz-qqq", detail, StringComparison.Ordinal);
            Assert.True(detail.Length < 300, $"the answer repeats {detail.Length} characters of the caller's string");
        }
        var published = await PublishedAsync(factory, 2);
        Assert.All(published, usage => Assert.Equal("other", usage.TaskType));
        var metrics = await anonymous.GetStringAsync("/metrics");
        Assert.DoesNotContain("zz-", metrics, StringComparison.Ordinal);
        Assert.Contains("task_type=\"other\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownTaskType_InAnyCase_IsRecordedInItsConfiguredSpelling()
    {
        using var factory = new RouterFactory();
        using var client = factory.Authed();

        using var task = await client.PostAsync("/ai/process", Json("""{"taskType":"SUMMARIZE","prompt":"Summarise this."}"""));

        Assert.Equal(HttpStatusCode.OK, task.StatusCode);
        Assert.Equal("summarize", Assert.Single(await PublishedAsync(factory, 1)).TaskType);
    }

    /// <summary>Usage is published off the request path: wait (bounded) for it.</summary>
    private static async Task<List<Contracts.Usage.UsageRecorded>> PublishedAsync(RouterFactory factory, int count)
    {
        for (var i = 0; i < 100 && factory.Usage.Published.Count < count; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(count, factory.Usage.Published.Count);
        return [.. factory.Usage.Published];
    }
}
