using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dapr.AiProvider.Console.Tests;

/// <summary>
/// The console in a real browser (Debian's chromium through Playwright) against the running stack: each page shows
/// what real traffic sent by the test produced.
/// </summary>
[Collection(ConsoleCollection.Name)]
[Trait("Category", "Process")]
public sealed partial class ConsoleTests(ConsoleStack stack)
{
    private const string Markup = "<img src=x onerror=\"window.__xss=1\">";

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    [Fact]
    public async Task SignIn_OverviewCountsTheTrafficSent_AndUpdatesLive()
    {
        for (var i = 0; i < 2; i++)
        {
            using var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey);
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }
        // The overview reads the ledger, which trails the requests by the usage linger and the pub/sub hop.
        await WaitForAsync(async () =>
        {
            using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/overview"));
            return json.RootElement.GetProperty("requests").GetInt64() >= 2 ? (object?)true : null;
        });
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        var requests = page.Locator("[data-testid=requests] .value");
        await Expect(requests).ToHaveTextAsync(new Regex("^[0-9,]+$"));
        var before = int.Parse(await requests.TextContentAsync() ?? "", NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(before >= 2, $"the overview counted {before} requests");
        await Expect(page.GetByTestId("live")).ToContainTextAsync("live");

        using (var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }

        // Server-sent events: the figure moves without a reload (at the next refresh after the ledger has the request).
        await WaitForAsync(async () =>
            int.Parse(await requests.TextContentAsync() ?? "", NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > before ? (object?)true : null);
        await Expect(page.GetByTestId("cost-today")).ToContainTextAsync("$");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Page_CarriesTheExactCsp_AndEveryPageRendersUnderIt()
    {
        var context = await stack.Browser.NewContextAsync(new() { BaseURL = stack.RouterUrl.ToString() });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { problems.Add(message.Text); } };
        page.PageError += (_, error) => problems.Add(error);

        var response = await page.GotoAsync("/console/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
            await response.HeaderValueAsync("content-security-policy"));
        await page.GetByLabel("API key").FillAsync(ConsoleStack.BootstrapKey);
        await page.Keyboard.PressAsync("Enter");
        foreach (var (hash, title) in Pages)
        {
            await page.GotoAsync("/console/" + hash);
            await Expect(page.Locator("main")).ToHaveAttributeAsync("data-page", hash[1..]);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeFocusedAsync();
            await Expect(page.Locator("main .error")).ToHaveCountAsync(0);
        }
        Assert.Empty(problems);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_SignsInAndMovesBetweenPages_FocusFollows()
    {
        var context = await stack.Browser.NewContextAsync(new() { BaseURL = stack.RouterUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/");

        await TabToAsync(page, "#key");
        await page.Keyboard.TypeAsync(ConsoleStack.BootstrapKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeFocusedAsync();
        await TabToAsync(page, "nav a[href='#decisions']");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Decisions", Level = 1 })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Decisions" })).ToHaveAttributeAsync("aria-current", "page");
        await context.CloseAsync();
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 30 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement === document.querySelector(s)", selector))
            {
                return;
            }
        }
        Assert.Fail($"{selector} never took the focus from the keyboard");
    }

    private static readonly (string Hash, string Title)[] Pages =
    [
        ("#overview", "Overview"), ("#headroom", "Free-tier headroom"), ("#providers", "Providers and circuits"), ("#decisions", "Decisions"),
        ("#keys", "API keys"), ("#usage", "Usage"), ("#alerts", "Alerts"),
    ];

    [Fact]
    public async Task Decisions_SearchByRequestId_ShowsItsRoutingExplanation()
    {
        using var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var requestId = Header(chat, "x-aiprovider-request-id");
        await WaitForDecisionAsync(d => d.GetProperty("requestId").GetString() == requestId, $"?requestId={requestId}");
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Decisions" }).ClickAsync();
        await page.GetByLabel("Request id").FillAsync(requestId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var explanation = page.GetByTestId("explanation");
        await Expect(explanation).ToContainTextAsync(requestId);
        await Expect(explanation).ToContainTextAsync(Header(chat, "x-aiprovider-route-reason"));
        await Expect(explanation).ToContainTextAsync($"{Header(chat, "x-aiprovider-provider")}/{Header(chat, "x-aiprovider-model")} (answered)");
        await Expect(page.Locator("main tbody tr")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModelNameWithMarkup_IsShownAsText()
    {
        using (var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey, model: Markup))
        {
            Assert.True((int)chat.StatusCode is >= 400 and < 500, $"status {chat.StatusCode}");
        }
        await WaitForDecisionAsync(d => d.TryGetProperty("requestedModel", out var m) && m.GetString() == Markup, "?limit=200");
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);

        await page.GotoAsync("/console/#decisions");

        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = Markup, Exact = true })).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Headroom_ShowsTheServedModelsWindowAsItsActorHoldsIt()
    {
        // A named free-tier model: "auto" may be served by a free model without windows (a local Ollama), which has no
        // headroom row to show.
        using var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey, model: "groq/llama-3.3-70b-versatile");
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var (provider, model) = (Header(chat, "x-aiprovider-provider"), Header(chat, "x-aiprovider-model"));

        using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/headroom"));
        var entry = json.RootElement.EnumerateArray().SingleOrDefault(m => m.GetProperty("provider").GetString() == provider && m.GetProperty("model").GetString() == model);
        Assert.True(entry.ValueKind == JsonValueKind.Object, $"{provider}/{model} served the request but has no free-tier windows: {json.RootElement}");
        var state = entry.GetProperty("state").GetString();
        Assert.Contains(state, new[] { "live", "not_started", "unavailable" });
        // The served model's requests-a-day window where it has one (Groq, Gemini, OpenRouter…); an rpm-only tier (Mistral,
        // Cloudflare) shows its first window.
        var windows = entry.GetProperty("windows").EnumerateArray().ToList();
        Assert.NotEmpty(windows);
        var day = windows.FirstOrDefault(w => w.GetProperty("metric").GetString() == "requests" && w.GetProperty("period").GetString() == "day");
        day = day.ValueKind == JsonValueKind.Object ? day : windows[0];
        var label = $"{day.GetProperty("metric").GetString()} / {day.GetProperty("period").GetString()}";
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);

        await page.GotoAsync("/console/#headroom");

        // The model's own row, or its provider's shared one ("model (shared: provider:p)").
        var cell = page.GetByRole(AriaRole.Cell, new() { NameRegex = new Regex($@"^{Regex.Escape(model).Replace("/", @"\/", StringComparison.Ordinal)}( \(shared: .*\))?$") });
        var row = page.Locator("main tbody tr").Filter(new() { Has = cell }).Filter(new() { HasTextString = provider })
            .Filter(new() { HasTextString = label });
        // Taken (used + leased) of the limit in force, and when the window resets, or why that is not known.
        var limit = day.GetProperty("limit").GetInt64().ToString("N0", CultureInfo.InvariantCulture);
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(new Regex($@"^\s*[\d,]+ / {Regex.Escape(limit)}\s*$"));
        await Expect(row.Locator("td").Nth(6)).ToContainTextAsync(state switch { "live" => "in ", "not_started" => "not started", _ => "unknown" });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Providers_AdminDisablesAndEnablesAProvider()
    {
        using var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey);
        var provider = Header(chat, "x-aiprovider-provider");
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);
        await page.GotoAsync("/console/#providers");
        var row = page.Locator("main table").First.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = provider, Exact = true }) });
        await Expect(row).ToContainTextAsync("closed");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Circuits", Exact = true })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = $"Disable {provider}" }).ClickAsync();

        await Expect(row).ToContainTextAsync("disabled");
        Assert.False(await EnabledAsync(provider));
        await row.GetByRole(AriaRole.Button, new() { Name = $"Enable {provider}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("enabled");
        Assert.True(await EnabledAsync(provider));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Circuits_OpenedByProviderFailures_TheAdminResetsThem()
    {
        using var first = await stack.ChatAsync(ConsoleStack.BootstrapKey);
        var (provider, model) = (Header(first, "x-aiprovider-provider"), Header(first, "x-aiprovider-model"));
        using (var fault = await stack.Simulator.PostAsJsonAsync("/_sim/faults", new { provider, model, fault = "server_error", count = 20 }))
        {
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        }
        try
        {
            // Each request fails on the faulted model and fails over; the breaker opens after its threshold of failures.
            var open = await WaitForAsync(async () =>
            {
                using (await stack.ChatAsync(ConsoleStack.BootstrapKey)) { }
                using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/circuits"));
                return json.RootElement.EnumerateArray().Where(c => c.GetProperty("state").GetString() == "open")
                    .Select(c => c.GetProperty("key").GetString()).FirstOrDefault(k => k!.StartsWith($"circuit:{provider}", StringComparison.Ordinal));
            });
            var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);
            await page.GotoAsync("/console/#providers");
            var row = page.Locator("main table").Nth(1).Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = open, Exact = true }) });
            await Expect(row).ToContainTextAsync("open");
            await Expect(row).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z")); // its next retry

            await row.GetByRole(AriaRole.Button, new() { Name = $"Reset {open}" }).ClickAsync();

            await Expect(row).ToContainTextAsync("closed");
            await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/circuits"));
            Assert.Equal("closed", json.RootElement.EnumerateArray().Single(c => c.GetProperty("key").GetString() == open).GetProperty("state").GetString());
            await page.Context.CloseAsync();
        }
        finally
        {
            using (await stack.Simulator.DeleteAsync("/_sim/faults")) { }
        }
    }

    private async Task<bool> EnabledAsync(string provider)
    {
        using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/providers"));
        return json.RootElement.EnumerateArray().Single(p => p.GetProperty("provider").GetString() == provider).GetProperty("enabled").GetBoolean();
    }

    [Fact]
    public async Task Keys_CreatedInTheConsole_Authenticates_SecretShownOnce_NameWithMarkupAsText()
    {
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);
        await page.GotoAsync("/console/#keys");
        await page.GetByLabel("Name").FillAsync(Markup);
        await page.GetByLabel("Role").SelectOptionAsync("user");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var secret = await page.GetByTestId("secret").TextContentAsync();
        Assert.StartsWith("aip_", secret, StringComparison.Ordinal);
        using (var chat = await stack.ChatAsync(secret!))
        {
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = Markup, Exact = true })).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__xss"));

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = Markup, Exact = true })).ToHaveCountAsync(1);
        Assert.DoesNotContain(secret!, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {Markup}" }).ClickAsync();
        await Expect(page.Locator("main tr", new() { HasTextString = Markup })).ToContainTextAsync("revoked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_SeesNoAdminAction_TheApiRefusesThem_AndSignsOut()
    {
        var (viewer, _) = await stack.CreateKeyAsync("console-viewer", "viewer");
        var page = await stack.SignInAsync(viewer);

        await Expect(page.Locator("#who")).ToContainTextAsync("(viewer)");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Keys" })).ToBeHiddenAsync();
        await page.GotoAsync("/console/#providers");
        await Expect(page.Locator("main tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("main button")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Circuits", Exact = true })).ToHaveCountAsync(0);
        await page.GotoAsync("/console/#keys");
        await Expect(page.Locator("main")).ToHaveAttributeAsync("data-page", "overview");

        using var client = new HttpClient { BaseAddress = stack.RouterUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", viewer);
        using var disable = await client.PostAsync("/admin/providers/openai/disable", null);
        using var reset = await client.PostAsync("/admin/circuits/reset?key=circuit:openai", null);
        using var create = await client.PostAsJsonAsync("/admin/keys", new { name = "nope", role = "admin" });
        using var keys = await client.GetAsync("/admin/keys");
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { disable.StatusCode, reset.StatusCode, create.StatusCode, keys.StatusCode });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeFocusedAsync();
        Assert.Equal("{}", await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithAnAiCallerKey_IsRefusedWithAClearMessage()
    {
        var (user, _) = await stack.CreateKeyAsync("console-user", "user");
        var context = await stack.Browser.NewContextAsync(new() { BaseURL = stack.RouterUrl.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/");

        await page.GetByLabel("API key").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This key may not use the console: sign in with an admin or viewer key.");
        Assert.Equal("{}", await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Usage_ByKey_ShowsTheKeysTraffic_AndExportsCsv()
    {
        var (key, id) = await stack.CreateKeyAsync("usage-key", "service");
        for (var i = 0; i < 2; i++)
        {
            using var chat = await stack.ChatAsync(key);
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }
        await WaitForAsync(async () =>
        {
            using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/usage?groupBy=key"));
            return json.RootElement.GetProperty("buckets").EnumerateArray().Any(b => b.GetProperty("key").GetString() == id
                && b.GetProperty("requests").GetInt64() == 2) ? (object?)true : null;
        });
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);
        await page.GotoAsync("/console/#usage");

        await page.GetByLabel("Group by").SelectOptionAsync("key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var row = page.Locator("main tbody tr").Filter(new() { HasTextString = id });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("2");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Matches("^usage-key-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("key,requests,inputTokens,outputTokens,costMicros,cacheHits,errors", csv[0]);
        Assert.Contains(csv, line => line.StartsWith(id + ",2,", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Alerts_ShowTheBudgetAlertRaisedByTraffic()
    {
        var (key, id) = await stack.CreateKeyAsync("alerted-key", "service");
        using (var limits = await stack.Admin.PutAsJsonAsync($"/admin/quotas/key:{id}", new
        {
            rules = new[] { new { metric = "requests", period = "day", limit = 2, hard = true } },
            alertThresholds = new[] { 0.5 },
        }))
        {
            Assert.True(limits.IsSuccessStatusCode, await limits.Content.ReadAsStringAsync());
        }
        // Two requests spend the router's slice; the third asks quota for more, which settles the slice (quota raises
        // threshold alerts on settlement) and finds the day's budget spent.
        for (var i = 0; i < 3; i++)
        {
            using var chat = await stack.ChatAsync(key);
            Assert.Equal(i < 2 ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, chat.StatusCode);
        }
        await WaitForAsync(async () => (await stack.Admin.GetStringAsync("/admin/alerts")).Contains($"key:{id}", StringComparison.Ordinal) ? (object?)true : null);
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);

        await page.GotoAsync("/console/#alerts");

        var row = page.Locator("main tbody tr").Filter(new() { HasTextString = $"key:{id}" });
        await Expect(row).ToContainTextAsync("requests / day");
        await Expect(row).ToContainTextAsync("50.0 %");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Every page after the traffic above, as a screenshot: into <c>docs/console/</c> when
    /// <c>AIPROVIDER_CONSOLE_SCREENSHOTS=1</c> (how the committed ones were made), else into a temporary folder.
    /// </summary>
    [Fact]
    public async Task Screenshots_OfEveryPage()
    {
        for (var i = 0; i < 4; i++)
        {
            using var chat = await stack.ChatAsync(ConsoleStack.BootstrapKey);
            Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        }
        using (var unknown = await stack.ChatAsync(ConsoleStack.BootstrapKey, model: "no-such-model"))
        {
            Assert.True((int)unknown.StatusCode is >= 400 and < 500, $"status {unknown.StatusCode}");
        }
        var target = Environment.GetEnvironmentVariable("AIPROVIDER_CONSOLE_SCREENSHOTS") == "1"
            ? Path.Combine(TestInfrastructure.RepoPaths.Root, "docs", "console")
            : Directory.CreateTempSubdirectory("console-shots-").FullName;
        var page = await stack.SignInAsync(ConsoleStack.BootstrapKey);
        foreach (var (hash, title) in Pages)
        {
            await page.GotoAsync("/console/" + hash);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeFocusedAsync();
            await Expect(page.Locator("main")).ToHaveAttributeAsync("data-page", hash[1..]);
            var file = Path.Combine(target, hash[1..] + ".png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = false });
            Assert.True(new FileInfo(file).Length > 1000, file);
        }
        await page.Context.CloseAsync();
    }

    /// <summary>Waits until <c>/admin/decisions{query}</c> (the ledger, through quota) lists a decision matching <paramref name="match"/>.</summary>
    private async Task WaitForDecisionAsync(Func<JsonElement, bool> match, string query) =>
        await WaitForAsync(async () =>
        {
            using var json = JsonDocument.Parse(await stack.Admin.GetStringAsync("/admin/decisions" + query));
            return json.RootElement.EnumerateArray().Any(match) ? (object?)true : null;
        });

    /// <summary>Polls <paramref name="probe"/> until it answers non-null; fails after 20 s (never hangs).</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "the ledger did not show the traffic within 20 s");
            await Task.Delay(200);
        }
    }
}
