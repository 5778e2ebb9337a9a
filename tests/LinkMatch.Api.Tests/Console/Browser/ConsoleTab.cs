using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace LinkMatch.Api.Tests.Console.Browser;

/// <summary>One browser tab on the console. It records what the browser itself complains about (a refused
/// script or style under the Content-Security-Policy, a failed asset) so that tests can require a clean page.</summary>
public sealed class ConsoleTab : IAsyncDisposable
{
    private readonly List<string> complaints = [];

    public ConsoleTab(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                complaints.Add(message.Text);
            }
        };
        page.PageError += (_, error) => complaints.Add(error);
        page.Dialog += async (_, dialog) =>
        {
            complaints.Add($"a dialog opened: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors, CSP refusals and dialogs seen so far.</summary>
    public IReadOnlyList<string> Complaints => complaints;

    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/masuk");
        await Page.GetByLabel("Nama pengguna").FillAsync(userName);
        await Page.GetByLabel("Kata sandi").FillAsync(password);
        // Listening before the click: a navigation that commits before the wait begins is not missed.
        var signedIn = Page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal));
        await Page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await signedIn;
    }

    /// <summary>Goes to a path and returns the HTTP status the page was answered with.</summary>
    public async Task<int> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        return response?.Status ?? 0;
    }

    /// <summary>The page is no wider than the window: nothing to scroll sideways (tables scroll inside their own
    /// box; a chart's plot inside its own).</summary>
    public async Task AssertNoSidewaysScrollAsync()
    {
        var widths = await Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{Page.Url}: the page is {scroll} px wide in a {client} px window");
    }

    public void AssertNoComplaints() =>
        Assert.True(complaints.Count == 0, $"the browser complained on {Page.Url}:\n{string.Join("\n", complaints)}");

    /// <summary>Keeps a picture of the page in the test output; a picture for the README (<paramref name="docs"/>)
    /// also goes to docs/img when LINKMATCH_UPDATE_SCREENSHOTS=1 (that is how the README's pictures are made).</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true, bool docs = false)
    {
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage });
        await File.WriteAllBytesAsync(Path.Combine(Screenshots.OutputDirectory, $"{name}.png"), bytes);
        if (docs && Screenshots.DocsDirectory is { } folder)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{name}.png"), bytes);
        }
    }

    /// <summary>Runs a test's steps; when one fails, saves a screenshot named after the test first.</summary>
    public async Task RunAsync(Func<Task> steps, [CallerMemberName] string test = "")
    {
        try
        {
            await steps();
        }
        catch
        {
            var path = Path.Combine(Screenshots.OutputDirectory, $"failed-{test}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>Where screenshots go.</summary>
public static class Screenshots
{
    public static string OutputDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>docs/img of the repository, when asked to refresh the README's pictures.</summary>
    public static string? DocsDirectory { get; } =
        Environment.GetEnvironmentVariable("LINKMATCH_UPDATE_SCREENSHOTS") == "1" ? FindDocs() : null;

    private static string FindDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LinkMatch.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "img")).FullName;
            }
        }

        throw new InvalidOperationException("LINKMATCH_UPDATE_SCREENSHOTS=1, but no LinkMatch.sln above the tests.");
    }
}
