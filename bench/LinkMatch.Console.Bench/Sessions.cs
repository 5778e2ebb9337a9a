using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LinkMatch.Console.Bench;

/// <summary>One staff member's two clients: a console session (cookie, signed in through the sign-in page) and an
/// API client (bearer token) for the same account.</summary>
public sealed partial class Session : IDisposable
{
    private Session(HttpClient console, HttpClient api)
    {
        Console = console;
        Api = api;
    }

    public HttpClient Console { get; }

    public HttpClient Api { get; }

    public static async Task<Session> SignInAsync(Uri address, string user, string password)
    {
        var console = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var page = await console.GetStringAsync("/masuk");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user,
            ["password"] = password,
            ["__af"] = token,
        });
        using var signedIn = await console.PostAsync("/masuk", form);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"console sign-in as {user} answered {(int)signedIn.StatusCode}");
        }

        var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password });
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return new Session(console, api);
    }

    public void Dispose()
    {
        Console.Dispose();
        Api.Dispose();
    }

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
