using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Console;

/// <summary>A user's client for both doors: the console's session cookie answers on console pages and the bearer
/// token on /api (each scheme is chosen by the path), so one client walks every route of the route table as that
/// user. Redirects are not followed, so a refusal is seen as it is.</summary>
public static class SignedInClients
{
    public static async Task<HttpClient> BothAsync(TestApp app, string userName, string password)
    {
        using var console = await ConsoleClient.SignInAsync(app, userName, password);
        using var api = await app.SignInAsync(userName, password);
        var handler = new HttpClientHandler { CookieContainer = console.Cookies, AllowAutoRedirect = false };
        var client = new HttpClient(new CanaryGuard(handler)) { BaseAddress = app.Service.Address };
        client.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        return client;
    }

    public static HttpClient Anonymous(TestApp app) =>
        new(new CanaryGuard(new HttpClientHandler { AllowAutoRedirect = false })) { BaseAddress = app.Service.Address };
}
