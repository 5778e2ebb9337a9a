using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>The console's sign-in: the same accounts, passwords, lock-out and revocation as the API, with a cookie
/// that is HttpOnly and SameSite=Strict, and every answer under the Content-Security-Policy.</summary>
public class SignInPageTests
{
    [Fact]
    public async Task A_staff_member_signs_in_with_the_api_password_and_gets_a_strict_http_only_session_cookie()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var user = await app.CreateUserAsync("staff", officeId: office.Id);
        using var console = ConsoleClient.Anonymous(app);

        var signIn = await console.GetAsync("/masuk");
        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Equal("id", signIn.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Masuk ke LinkMatch", signIn.MainText, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", signIn.Response.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);

        var answer = await console.SubmitAsync(signIn, new Dictionary<string, string>
        {
            ["userName"] = user.UserName,
            ["password"] = PlatformIntents.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        var cookie = answer.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("linkmatch.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Beranda", home.Document.Title, StringComparison.Ordinal);
        Assert.Contains("Test staff", home.Document.QuerySelector(".who")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_lock_the_account_as_in_the_api()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var console = ConsoleClient.Anonymous(app);

        var page = await console.GetAsync("/masuk");
        for (var i = 0; i < 4; i++)
        {
            var failed = await console.SubmitAsync(page, new Dictionary<string, string>
            {
                ["userName"] = user.UserName,
                ["password"] = "not-the-password",
            });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.Status);
            Assert.Contains("Nama pengguna atau kata sandi salah", failed.MainText, StringComparison.Ordinal);
        }

        var locked = await console.SubmitAsync(page, new Dictionary<string, string>
        {
            ["userName"] = user.UserName,
            ["password"] = "not-the-password",
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Contains("dikunci", locked.MainText, StringComparison.Ordinal);

        // Locked in the API too: it is one account.
        using var api = app.Anonymous();
        var login = await api.PostAsJsonAsync("/api/v1/auth/login",
            new { userName = user.UserName, password = PlatformIntents.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Fact]
    public async Task Pages_need_a_session_and_a_form_without_its_antiforgery_token_is_refused()
    {
        var app = await TestApp.SharedAsync();
        using var anonymous = ConsoleClient.Anonymous(app);
        var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.Status);
        Assert.StartsWith("/masuk?kembali=", new Uri(app.Service.Address, home.Location!).PathAndQuery, StringComparison.Ordinal);

        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        var forged = await anonymous.PostAsync("/masuk", new Dictionary<string, string>
        {
            ["userName"] = user.UserName,
            ["password"] = PlatformIntents.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.DoesNotContain(forged.Response.Headers, h => h.Key == "Set-Cookie"
            && h.Value.Any(v => v.StartsWith("linkmatch.session=", StringComparison.Ordinal)));
        Assert.Contains("Muat ulang halaman", forged.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_console_session()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/")).Status);

        using var admin = await app.AdminAsync();
        (await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}", new
        {
            displayName = user.DisplayName,
            role = user.Role,
            officeId = user.OfficeId,
            trainingCentreId = user.TrainingCentreId,
            disabled = true,
        })).EnsureSuccessStatusCode();

        // Another instance would see the new stamp within 20 s; this one forgets its cache at once.
        var after = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
    }

    [Fact]
    public async Task The_language_switch_turns_the_console_into_english_and_back()
    {
        var app = await TestApp.SharedAsync();
        using var console = ConsoleClient.Anonymous(app);
        var page = await console.GetAsync("/masuk");
        var switched = await console.SubmitAsync(page, formSelector: "header form", button: "button[name=lang]");
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        var english = await console.GetAsync("/masuk");
        Assert.Equal("en", english.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in to LinkMatch", english.MainText, StringComparison.Ordinal);

        await console.SubmitAsync(english, formSelector: "header form", button: "button[name=lang]");
        Assert.Contains("Masuk ke LinkMatch", (await console.GetAsync("/masuk")).MainText, StringComparison.Ordinal);
    }
}
