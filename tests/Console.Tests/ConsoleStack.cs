using System.Net.Http.Json;
using System.Text.Json;
using Dapr.AiProvider.TestInfrastructure;
using Microsoft.Playwright;

namespace Dapr.AiProvider.Console.Tests;

/// <summary>
/// The whole gateway as real processes on free ports (as <c>tests/EndToEnd.Tests/GatewayStack.cs</c> starts it:
/// private Redis, a fresh PostgreSQL database, the provider simulator, the launcher with the three apps and their
/// sidecars) and one headless Debian chromium driven by Playwright, shared by every console test.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    public const string BootstrapKey = "aip_console_bootstrap_key_0123456789";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly List<TestProcess> _processes = [];
    private RedisServer? _redis;
    private PostgresDatabase? _ledger;
    private IPlaywright? _playwright;
    private string _workDir = "";

    public Uri RouterUrl { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    /// <summary>The provider simulator's control API (<c>/_sim/faults</c>).</summary>
    public HttpClient Simulator { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: scripts/infra.sh (ensure_packages with-node) installs Debian's chromium.");
        _redis = await RedisServer.StartAsync();
        _ledger = await PostgresDatabase.CreateAsync();
        _workDir = Directory.CreateTempSubdirectory("aiprovider-console-").FullName;

        var ports = new StackPorts();
        var simulatorUrl = new Uri($"http://127.0.0.1:{ports.Simulator}");
        var simulator = TestProcess.StartDotnet("simulator", RepoPaths.Dll("tools/provider-simulator", "ProviderSimulator"), ["--urls", simulatorUrl.ToString()]);
        _processes.Add(simulator);
        var runFile = StackFiles.Write(_workDir, _redis.Address, _ledger.ConnectionString, ports);
        var launcher = TestProcess.StartDotnet("launcher", RepoPaths.Dll("tools/local-dapr/Launcher", "LocalDapr.Launcher"),
            ["-f", runFile, "--sidecar", RepoPaths.Dll("tools/local-dapr/Sidecar", "LocalDapr.Sidecar")],
            new Dictionary<string, string>
            {
                ["AIPROVIDER_BOOTSTRAP_KEY"] = BootstrapKey,
                ["AIPROVIDER_SIMULATOR_URL"] = simulatorUrl.ToString().TrimEnd('/'),
                ["LOCALDAPR_REGISTRY_REDIS"] = _redis.Address,
            });
        _processes.Add(launcher);
        RouterUrl = new Uri($"http://127.0.0.1:{ports.Router}");

        _playwright = await Playwright.CreateAsync();
        var browser = _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers: chromium's sandbox needs user namespaces it does not get there.
            Args = ["--no-sandbox"],
        });
        await simulator.WaitForHttpAsync(new Uri(simulatorUrl, "/_sim/faults").ToString(), TimeSpan.FromSeconds(60));
        await launcher.WaitForHttpAsync(new Uri(RouterUrl, "/readyz").ToString(), TimeSpan.FromSeconds(120));
        Browser = await browser;

        Admin = new HttpClient { BaseAddress = RouterUrl, Timeout = TimeSpan.FromSeconds(60) };
        Simulator = new HttpClient { BaseAddress = simulatorUrl, Timeout = TimeSpan.FromSeconds(10) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
    }

    /// <summary>A fresh browser context (own sessionStorage) on the console, signed in with <paramref name="key"/>.</summary>
    public async Task<IPage> SignInAsync(string key)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = RouterUrl.ToString(), ViewportSize = new() { Width = 1280, Height = 860 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console pages" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>One chat completion with <paramref name="key"/>; returns the answer (the caller asserts its status).</summary>
    public async Task<HttpResponseMessage> ChatAsync(string key, string model = "auto")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(RouterUrl, "/v1/chat/completions"))
        {
            Content = JsonContent.Create(new { model, messages = new[] { new { role = "user", content = "Say hello " + Guid.NewGuid() } } }),
        };
        request.Headers.Authorization = new("Bearer", key);
        return await Admin.SendAsync(request);
    }

    /// <summary>Creates a key through the admin API; returns (secret, id).</summary>
    public async Task<(string Key, string Id)> CreateKeyAsync(string name, string role)
    {
        using var created = await Admin.PostAsJsonAsync("/admin/keys", new { name, role });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("key").GetString()!, json.RootElement.GetProperty("info").GetProperty("id").GetString()!);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        Simulator?.Dispose();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            await _processes[i].DisposeAsync();
        }
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One stack and one browser for all console tests.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleStack>
{
    public const string Name = "console";
}
