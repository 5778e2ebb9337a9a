using LinkMatch.Api.Demo;
using LinkMatch.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>Debian's Chromium (installed by scripts/test) driven by Playwright, against a service of its own loaded
/// with the demo world, so pages look as users will see them after scripts/run. Tests in this collection run one
/// after another and share the world; each uses its own browser context (cookies, viewport).</summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Collection = "console-browser";
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DemoPassword = DemoAccounts.Password;

    private IPlaywright? playwright;

    public TestApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: scripts/test installs Debian's chromium (apt-get install -y chromium).");
        }

        App = await TestApp.StartIsolatedAsync("console_browser", new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "true",
        });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (no cookies) at a window width, with the console's base address.</summary>
    public async Task<ConsoleTab> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Service.Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
        });
        return new ConsoleTab(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
        }
    }
}

[CollectionDefinition(ConsoleBrowser.Collection)]
public sealed class ConsoleBrowserCollection : ICollectionFixture<ConsoleBrowser>;
