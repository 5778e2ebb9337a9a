using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

public class SignInTests
{
    [Fact]
    public async Task A_user_signs_in_sees_who_they_are_and_refreshes()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var user = await app.CreateUserAsync("staff", officeId: office.Id);
        using var client = app.Anonymous();
        var tokens = await (await client.PostAsJsonAsync("/api/v1/auth/login",
            new { user.UserName, password = PlatformIntents.Password })).ReadAsync<TestApp.TokenResponse>();
        Assert.Equal("Bearer", tokens.TokenType);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/me");
        Assert.Equal("staff", me.GetProperty("role").GetString());
        Assert.Equal(office.Id, me.GetProperty("officeId").GetInt64());

        client.DefaultRequestHeaders.Authorization = null;
        var refreshed = await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { tokens.RefreshToken }))
            .ReadAsync<TestApp.TokenResponse>();
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);

        await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_passwords_and_unknown_users_get_the_same_answer()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("admin");
        using var client = app.Anonymous();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { user.UserName, password = "not-the-password" });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = Unique.Name("ghost"), password = "x" });
        var a = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var b = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_with_429_and_retry_after()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("admin");
        using var client = app.Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/login", new { user.UserName, password = "wrong-password" }))
                .AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { user.UserName, password = "wrong-password" });
        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Even the right password is refused while locked.
        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { user.UserName, password = PlatformIntents.Password });
        await right.AssertProblemAsync(HttpStatusCode.TooManyRequests);

        // An admin's password reset unlocks it.
        using var admin = await app.AdminAsync();
        var reset = await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { password = "another-long-password" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login",
            new { user.UserName, password = "another-long-password" })).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_revokes_their_tokens()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var user = await app.CreateUserAsync("staff", officeId: office.Id);
        using var staff = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/auth/me")).StatusCode);

        using var admin = await app.AdminAsync();
        var disable = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}",
            new { user.DisplayName, role = "staff", officeId = office.Id, trainingCentreId = (long?)null, disabled = true });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        await (await staff.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { user.UserName, password = PlatformIntents.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Users_are_managed_by_admins_only_and_scopes_are_checked()
    {
        var app = await TestApp.SharedAsync();
        var (staff, _, officeId) = await app.StaffAsync();
        using (staff)
        {
            await (await staff.GetAsync("/api/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        using var admin = await app.AdminAsync();
        var noOffice = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = Unique.Name("s"), displayName = "Staff S", role = "staff", password = PlatformIntents.Password });
        await noOffice.AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        var unknownOffice = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = Unique.Name("s"), displayName = "Staff S", role = "staff", officeId = 987654321, password = PlatformIntents.Password });
        await unknownOffice.AssertProblemAsync(HttpStatusCode.BadRequest, "officeId");
        var shortPassword = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName = Unique.Name("s"), displayName = "Staff S", role = "staff", officeId, password = "short" });
        await shortPassword.AssertProblemAsync(HttpStatusCode.BadRequest, "password");

        var user = await app.CreateUserAsync("staff", officeId: officeId);
        var duplicate = await admin.PostAsJsonAsync("/api/v1/users",
            new { user.UserName, displayName = "Staff S", role = "staff", officeId, password = PlatformIntents.Password });
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?officeId={officeId}");
        Assert.Equal(2, listed.GetProperty("total").GetInt64());
    }
}
