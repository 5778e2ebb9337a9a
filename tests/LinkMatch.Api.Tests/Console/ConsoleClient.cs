using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Console;

/// <summary>A page the console answered: its status, headers and parsed document.</summary>
public sealed record ConsolePage(HttpStatusCode Status, HttpResponseMessage Response, IHtmlDocument Document, string Html)
{
    public string? Location => Response.Headers.Location?.ToString();

    /// <summary>The visible text of the main region, whitespace collapsed.</summary>
    public string MainText => Collapse(Document.QuerySelector("main")?.TextContent ?? Document.Body?.TextContent ?? "");

    public IElement Form(string selector = "main form[method=post]") =>
        Document.QuerySelector(selector) ?? throw new InvalidOperationException($"no form '{selector}' on the page:\n{MainText}");

    internal static string Collapse(string text) => string.Join(' ',
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A browser-like HTTP client for the console: keeps cookies, does not follow redirects (tests assert
/// them), parses pages with AngleSharp and submits forms as a browser would (every input of the form, including
/// its antiforgery token, with the values a test sets).</summary>
public sealed class ConsoleClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient http;

    private ConsoleClient(Uri address, string language)
    {
        Cookies = new CookieContainer();
        http = new HttpClient(new CanaryGuard(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }))
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (language != "id")
        {
            Cookies.Add(address, new Cookie("linkmatch.lang", language));
        }
    }

    public CookieContainer Cookies { get; }

    public static ConsoleClient Anonymous(TestApp app, string language = "id") => new(app.Service.Address, language);

    /// <summary>Signs in through the sign-in page, as a person would; fails the test if it does not work.</summary>
    public static async Task<ConsoleClient> SignInAsync(TestApp app, string userName, string password,
        string language = "id")
    {
        var client = new ConsoleClient(app.Service.Address, language);
        var page = await client.GetAsync("/masuk");
        var answer = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
        });
        Assert.True(answer.Status == HttpStatusCode.Redirect, $"sign-in as {userName}: {(int)answer.Status}\n{answer.MainText}");
        return client;
    }

    public async Task<ConsolePage> GetAsync(string path)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response);
    }

    /// <summary>Follows redirects from a page (after a form post) and returns where they end.</summary>
    public async Task<ConsolePage> FollowAsync(ConsolePage page)
    {
        for (var i = 0; i < 5 && page.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; i++)
        {
            page = await GetAsync(page.Location!);
        }

        return page;
    }

    /// <summary>Submits a form of the page (the first post form in main, or the one the selector names) with every
    /// field it carries, overridden by <paramref name="values"/>.</summary>
    public async Task<ConsolePage> SubmitAsync(ConsolePage page, IDictionary<string, string>? values = null,
        string? formSelector = null, string? button = null)
    {
        var form = formSelector is null
            ? page.Document.QuerySelector("main form[method=post]") ?? page.Form("form[method=post]")
            : page.Form(formSelector);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (values?.ContainsKey(name) == true)
            {
                continue;
            }

            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                case IHtmlInputElement { Type: "submit" }:
                    break;
                case IHtmlInputElement field:
                    fields.Add(new(name, field.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }

        fields.AddRange(values ?? new Dictionary<string, string>());
        if (button is not null)
        {
            var pressed = form.QuerySelector(button) ?? throw new InvalidOperationException($"no button '{button}'");
            if (pressed.GetAttribute("name") is { } buttonName)
            {
                fields.Add(new(buttonName, pressed.GetAttribute("value") ?? ""));
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Response.RequestMessage!.RequestUri!.PathAndQuery;
        return await PostAsync(action, fields);
    }

    /// <summary>Posts fields as they are: no antiforgery token unless the test adds one.</summary>
    public async Task<ConsolePage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await http.PostAsync(new Uri(path, UriKind.Relative), content);
        return await ReadAsync(response);
    }

    private static async Task<ConsolePage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new ConsolePage(response.StatusCode, response, Parser.ParseDocument(html), html);
    }

    public void Dispose() => http.Dispose();
}
