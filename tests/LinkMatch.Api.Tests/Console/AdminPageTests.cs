using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using LinkMatch.Api.Tests.Matching;

namespace LinkMatch.Api.Tests.Console;

/// <summary>The admin console: users made and disabled through its forms, API keys shown once, failed jobs retried,
/// the audit log asked who read a seeker; staff are refused every admin page.</summary>
public class AdminPageTests
{
    private static readonly string[] AdminPages =
    [
        "/admin", "/admin/pengguna", "/admin/pengguna/baru", "/admin/kunci-api", "/admin/model", "/admin/antrean",
        "/admin/audit",
    ];

    [Fact]
    public async Task An_admin_creates_a_staff_user_who_signs_in_and_disabling_them_ends_their_session()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        using var admin = await AdminAsync(app);
        var userName = Unique.Name("petugas");

        var form = await admin.GetAsync("/admin/pengguna/baru");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains(form.Document.QuerySelectorAll("#officeId option"), o => o.TextContent == office.Name);
        var created = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["displayName"] = "Rina Petugas",
            ["role"] = "staff",
            ["officeId"] = office.Id.ToString(CultureInfo.InvariantCulture),
            ["password"] = "kata-sandi-awal-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var userPage = await admin.FollowAsync(created);
        Assert.Contains($"Pengguna Rina Petugas ({userName}) dibuat", userPage.MainText, StringComparison.Ordinal);
        var id = long.Parse(created.Location!.Split('/')[^1], CultureInfo.InvariantCulture);

        // The list shows the user with the office's name.
        var list = await admin.GetAsync($"/admin/pengguna?officeId={office.Id}");
        var row = Assert.Single(list.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("Rina Petugas", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(office.Name, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Petugas antarkerja", row.TextContent, StringComparison.Ordinal);

        // The new user signs in to the console with the password the admin set.
        using var staff = await ConsoleClient.SignInAsync(app, userName, "kata-sandi-awal-2026");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/")).Status);

        var disabled = await admin.SubmitAsync(await admin.GetAsync($"/admin/pengguna/{id}"),
            formSelector: "form[action*='handler=Status']");
        Assert.Equal(HttpStatusCode.Redirect, disabled.Status);
        Assert.Contains("Akun dinonaktifkan", (await admin.FollowAsync(disabled)).MainText, StringComparison.Ordinal);

        // The session the staff member had ends at once, and the API reports the account disabled.
        var after = await staff.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains("/masuk", after.Location, StringComparison.Ordinal);
        using var api = await app.AdminAsync();
        var user = await (await api.GetAsync($"/api/v1/users/{id}")).ReadAsync<UserDto>();
        Assert.True(user.Disabled);
        Assert.Equal(office.Id, user.OfficeId);
    }

    [Fact]
    public async Task A_short_password_or_a_taken_user_name_shows_the_field_error_and_creates_nothing()
    {
        var app = await TestApp.SharedAsync();
        var office = await app.CreateOfficeAsync();
        var existing = await app.CreateUserAsync("staff", officeId: office.Id);
        using var admin = await AdminAsync(app);
        var form = await admin.GetAsync("/admin/pengguna/baru");

        var fields = new Dictionary<string, string>
        {
            ["userName"] = Unique.Name("petugas"),
            ["displayName"] = "Budi Petugas",
            ["role"] = "staff",
            ["officeId"] = office.Id.ToString(CultureInfo.InvariantCulture),
            ["password"] = "pendek",
        };
        var shortPassword = await admin.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.Status);
        Assert.Contains("minimal 12 karakter", shortPassword.Document.QuerySelector("#err-password")?.TextContent,
            StringComparison.Ordinal);
        Assert.Equal("true", shortPassword.Document.QuerySelector("#password")!.GetAttribute("aria-invalid"));
        // What was typed stays in the form, except the password.
        Assert.Equal("Budi Petugas", shortPassword.Document.QuerySelector("#displayName")!.GetAttribute("value"));

        fields["userName"] = existing.UserName;
        fields["password"] = "kata-sandi-cukup-panjang";
        var taken = await admin.SubmitAsync(form, fields);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("sudah dipakai", taken.Document.QuerySelector("#err-userName")?.TextContent,
            StringComparison.Ordinal);

        // Nobody new in the office: only the user who was there.
        using var api = await app.AdminAsync();
        var users = await (await api.GetAsync($"/api/v1/users?officeId={office.Id}"))
            .ReadAsync<SeekerIntents.PageOf<UserDto>>();
        Assert.Equal(existing.Id, Assert.Single(users.Items).Id);
        Assert.Equal("Test staff", users.Items[0].DisplayName);
    }

    [Fact]
    public async Task A_new_password_set_by_the_admin_ends_the_users_sessions_and_signs_them_in()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var staff = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        using var admin = await AdminAsync(app);
        var page = await admin.GetAsync($"/admin/pengguna/{user.Id}");
        Assert.Contains(user.UserName, page.MainText, StringComparison.Ordinal);

        var tooShort = await admin.SubmitAsync(page, new Dictionary<string, string> { ["password"] = "singkat" },
            formSelector: "form[action*='handler=Password']");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Contains("minimal 12 karakter", tooShort.Document.QuerySelector("#err-password")?.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/")).Status);

        var set = await admin.SubmitAsync(page, new Dictionary<string, string> { ["password"] = "kata-sandi-baru-2026" },
            formSelector: "form[action*='handler=Password']");
        Assert.Equal(HttpStatusCode.Redirect, set.Status);
        Assert.Contains("Kata sandi baru", (await admin.FollowAsync(set)).MainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/")).Status);
        using var again = await ConsoleClient.SignInAsync(app, user.UserName, "kata-sandi-baru-2026");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).Status);
    }

    [Fact]
    public async Task An_issued_api_key_is_shown_once_works_and_is_refused_once_revoked()
    {
        var app = await TestApp.SharedAsync();
        var employer = await app.CreateEmployerAsync();
        using var admin = await AdminAsync(app);

        var search = await admin.GetAsync($"/admin/kunci-api?q={Uri.EscapeDataString(employer.Name)}");
        Assert.NotNull(search.Document.QuerySelector($"a[href='/admin/kunci-api?employerId={employer.Id}']"));
        var keys = await admin.GetAsync($"/admin/kunci-api?employerId={employer.Id}");
        Assert.Contains("belum punya kunci API", keys.MainText, StringComparison.Ordinal);

        var issued = await admin.SubmitAsync(keys, new Dictionary<string, string> { ["name"] = "HRIS kantor pusat" },
            formSelector: "form#terbitkan");
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.Contains("no-store", issued.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var key = issued.Document.QuerySelector("#issued-key")?.GetAttribute("value");
        Assert.NotNull(key);
        Assert.StartsWith("lmk_", key, StringComparison.Ordinal);
        Assert.Contains("tidak akan ditampilkan lagi", issued.MainText, StringComparison.Ordinal);
        // Not in a cookie either: TempData (encrypted, so the key could hide in it) is only ever cleared here.
        var cookies = issued.Response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        Assert.DoesNotContain(cookies, c => c.Contains(key[13..], StringComparison.Ordinal));
        Assert.All(cookies.Where(c => c.Contains("TempData", StringComparison.Ordinal)),
            c => Assert.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=;", c, StringComparison.Ordinal));

        using (var partner = app.WithApiKey(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/employers/{employer.Id}")).StatusCode);
        }

        // Never again: the keys page lists the key by name and prefix only.
        var reloaded = await admin.GetAsync($"/admin/kunci-api?employerId={employer.Id}");
        Assert.DoesNotContain(key, reloaded.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(key[13..], reloaded.Html, StringComparison.Ordinal);
        Assert.Contains("HRIS kantor pusat", reloaded.MainText, StringComparison.Ordinal);
        Assert.Contains(key[..12], reloaded.MainText, StringComparison.Ordinal);
        Assert.Contains("Aktif", reloaded.Document.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);

        var revoked = await admin.SubmitAsync(reloaded, formSelector: "form[action*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        var afterRevoke = await admin.FollowAsync(revoked);
        Assert.Contains("dicabut", afterRevoke.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dicabut", afterRevoke.Document.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Null(afterRevoke.Document.QuerySelector("form[action*='handler=Revoke']"));

        using var refused = app.WithApiKey(key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await refused.GetAsync($"/api/v1/employers/{employer.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_failed_job_is_listed_with_its_error_and_retrying_it_queues_it_again()
    {
        var app = await TestApp.SharedAsync();
        var kind = $"test.admin-{Guid.NewGuid():N}";
        // A job of a kind no handler knows: the worker discards it at its only attempt, keeping the error.
        var id = await app.EnqueueTestJobAsync(kind, """{"n": 1}""");
        using var api = await app.AdminAsync();
        var detail = await WaitForJobAsync(api, id, j => j.GetProperty("job").GetProperty("state").GetString() == "discarded");
        var message = detail.GetProperty("errors")[0].GetProperty("message").GetString()!;

        // The API lists it among the failures with its error, as the console's queue page does.
        var failures = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/failures?kind={kind}");
        Assert.Equal(1, failures.GetProperty("total").GetInt64());
        var failure = Assert.Single(failures.GetProperty("items").EnumerateArray());
        Assert.Equal(message, failure.GetProperty("errors")[0].GetProperty("message").GetString());
        await (await api.GetAsync("/api/v1/jobs/failures?state=succeeded")).AssertProblemAsync(HttpStatusCode.BadRequest, "state");

        using var admin = await AdminAsync(app);
        var queue = await admin.GetAsync($"/admin/antrean?kind={kind}");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var listed = Assert.Single(queue.Document.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains($"Tugas #{id}", StringComparison.Ordinal));
        Assert.Contains("Dihentikan (gagal)", listed.TextContent, StringComparison.Ordinal);
        var page = await admin.GetAsync($"/admin/antrean/{id}");
        Assert.Contains("Percobaan 1", page.MainText, StringComparison.Ordinal);
        Assert.Contains(message, page.MainText, StringComparison.Ordinal);

        var retried = await admin.SubmitAsync(page, formSelector: "form[action*='handler=Retry']");
        Assert.Equal(HttpStatusCode.Redirect, retried.Status);
        Assert.Contains($"Tugas #{id}", (await admin.FollowAsync(retried)).MainText, StringComparison.Ordinal);

        // Queued again with one more attempt, which a worker takes (and, the kind still being unknown, fails).
        var again = await WaitForJobAsync(api, id, j => j.GetProperty("errors").GetArrayLength() == 2);
        Assert.Equal(2, again.GetProperty("job").GetProperty("attempt").GetInt32());
        Assert.Equal(2, again.GetProperty("errors")[1].GetProperty("attempt").GetInt32());
        Assert.True((await app.AuditRowsAsync($"action=job.retry&entityId={id}"))
            .Count(r => r.ActorName == TestApp.AdminUser) == 1);
    }

    [Fact]
    public async Task The_audit_page_answers_who_opened_a_seekers_data_and_when()
    {
        var app = await TestApp.SharedAsync();
        var (staff, staffUser, _) = await app.StaffAsync();
        long seekerId;
        using (staff)
        {
            seekerId = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            await staff.GetSeekerAsync(seekerId);
        }

        using var admin = await AdminAsync(app);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar")).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var answer = await admin.GetAsync(
            $"/admin/audit?seekerId={seekerId}&action=seeker.read*&fromDate={Day(today.AddDays(-1))}&toDate={Day(today)}");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var rows = answer.Document.QuerySelectorAll("tbody tr");
        var read = Assert.Single(rows);
        Assert.Contains(staffUser.UserName, read.TextContent, StringComparison.Ordinal);
        Assert.Contains("seeker.read", read.TextContent, StringComparison.Ordinal);
        Assert.Contains("WITA", read.QuerySelector("td")!.TextContent, StringComparison.Ordinal);

        // Nobody read it in the window before it was registered.
        var before = await admin.GetAsync(
            $"/admin/audit?seekerId={seekerId}&action=seeker.read*&toDate={Day(today.AddDays(-2))}");
        Assert.Empty(before.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("Tidak ada catatan", before.MainText, StringComparison.Ordinal);

        // A time that is not one is a field error, and nothing is queried.
        var bad = await admin.GetAsync($"/admin/audit?seekerId={seekerId}&fromDate=2026-13-45");
        Assert.NotNull(bad.Document.QuerySelector("#err-from"));
        Assert.Empty(bad.Document.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task A_staff_member_gets_the_403_page_on_every_admin_page()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var staff = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        foreach (var path in AdminPages.Append($"/admin/pengguna/{user.Id}").Append("/admin/antrean/1"))
        {
            var page = await staff.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.Forbidden, $"{path}: {(int)page.Status}");
            Assert.Contains("Tidak berwenang", page.MainText, StringComparison.Ordinal);
        }

        Assert.Null((await staff.GetAsync("/")).Document.QuerySelector("header a[href='/admin']"));
    }

    [Fact]
    public async Task Every_admin_page_answers_an_admin_in_indonesian_and_in_english()
    {
        var app = await TestApp.SharedAsync();
        using var admin = await AdminAsync(app);
        using var english = await ConsoleClient.SignInAsync(app, TestApp.AdminUser, TestApp.AdminPassword, "en");
        foreach (var path in AdminPages)
        {
            var page = await admin.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.OK, $"{path}: {(int)page.Status}\n{page.MainText}");
            Assert.NotNull(page.Document.QuerySelector("nav a[href='/admin/antrean']"));
            var en = await english.GetAsync(path);
            Assert.True(en.Status == HttpStatusCode.OK, $"{path} in English: {(int)en.Status}");
            Assert.Contains("Background jobs", en.MainText, StringComparison.Ordinal);
        }

        var overview = await admin.GetAsync("/admin");
        Assert.Contains("Model peringkat yang dipakai", overview.MainText, StringComparison.Ordinal);
        Assert.Contains("Tugas gagal", overview.MainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/pengguna/987654321")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/antrean/987654321")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/kunci-api?employerId=987654321")).Status);
    }

    internal static Task<ConsoleClient> AdminAsync(TestApp app) =>
        ConsoleClient.SignInAsync(app, TestApp.AdminUser, TestApp.AdminPassword);

    private static async Task<JsonElement> WaitForJobAsync(HttpClient api, long id, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{id}");
            if (done(detail))
            {
                return detail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id}: {detail}");
            await Task.Delay(200);
        }
    }
}

/// <summary>A service of its own with a small demo world, so a retraining has outcomes to learn from and switching
/// models touches no other test's suggestions.</summary>
public sealed class AdminModelService() : DemoServiceFixture("console_admin_models", 10);

/// <summary>The model page: retrain now, roll back and promote, each through its confirmation form.</summary>
public class AdminModelPageTests(AdminModelService service) : IClassFixture<AdminModelService>
{
    private TestApp App => service.App;

    [Fact]
    public async Task An_admin_retrains_rolls_back_and_promotes_a_model_and_the_api_reports_it_serving()
    {
        using var admin = await AdminPageTests.AdminAsync(App);
        var baseline = await App.ServingVersionAsync();
        var page = await admin.GetAsync("/admin/model");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Versi {baseline}", page.Document.QuerySelector(".card")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("figure.chart svg"));
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Rollback']"));

        var retrain = await admin.SubmitAsync(page, formSelector: "form[action*='handler=Retrain']");
        Assert.Equal(HttpStatusCode.Redirect, retrain.Status);
        var jobId = long.Parse(retrain.Location!.Split('/')[^1], CultureInfo.InvariantCulture);
        var jobPage = await admin.FollowAsync(retrain);
        Assert.Contains($"tugas #{jobId}", jobPage.MainText, StringComparison.Ordinal);
        await App.WaitForJobAsync(jobId);

        var trained = await admin.GetAsync("/admin/model");
        var version = await App.NewestRetrainedModelVersionAsync();
        var chartRows = trained.Document.QuerySelectorAll("figure.chart tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal([baseline.ToString(CultureInfo.InvariantCulture), version.ToString(CultureInfo.InvariantCulture)], chartRows);
        // Its fairness on the held-out vacancies, group by group, beside the baseline's that served when it was measured.
        var fairness = trained.Document.QuerySelector($"details#keadilan-{version}")!;
        Assert.Contains($"model dipakai saat itu (versi {baseline})", fairness.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        var groups = fairness.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList();
        Assert.Contains("Jenis kelamin: perempuan", groups);
        Assert.Contains("Tempat tinggal: wilayah kantor", groups);
        if (await App.ServingVersionAsync() == version)
        {
            // The retrained model was promoted: roll back to the baseline first, so that promoting is the admin's.
            var rolledBack = await admin.SubmitAsync(trained, formSelector: "form[action*='handler=Rollback']");
            Assert.Equal(HttpStatusCode.Redirect, rolledBack.Status);
            Assert.Contains($"versi {baseline} dipakai kembali", (await admin.FollowAsync(rolledBack)).MainText, StringComparison.Ordinal);
            Assert.Equal(baseline, await App.ServingVersionAsync());
            trained = await admin.GetAsync("/admin/model");
        }

        var promote = await admin.SubmitAsync(trained, new Dictionary<string, string> { ["version"] = $"{version}" },
            formSelector: "form[action*='handler=Promote']");
        Assert.Equal(HttpStatusCode.Redirect, promote.Status);
        var promoted = await admin.FollowAsync(promote);
        Assert.Contains($"Model versi {version} sekarang dipakai", promoted.MainText, StringComparison.Ordinal);

        using var api = await App.AdminAsync();
        var serving = await (await api.GetAsync("/api/v1/models?status=serving")).ReadAsync<SeekerIntents.PageOf<ModelDto>>();
        Assert.Equal(version, Assert.Single(serving.Items).Version);

        // Promoting the serving model again is refused with the handler's reason, on the page, with its status.
        var again = await admin.PostAsync("/admin/model?handler=Promote", new Dictionary<string, string>
        {
            ["version"] = $"{version}",
            ["__af"] = promoted.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already serving", again.Document.QuerySelector(".problem")!.TextContent, StringComparison.Ordinal);
    }
}
