using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>Pencari kerja in the console: finding a seeker (by name and AK/1 number in the query string, by NIK or
/// phone through a post that keeps them out of URLs), the profile with its competencies, consent and training, the
/// consent forms, the admins' export and erasure, and what the API and its audit log say afterwards.</summary>
public class SeekerPageTests
{
    [Fact]
    public async Task Staff_find_a_seeker_by_name_by_exact_NIK_by_phone_and_by_AK1_number_and_lists_stay_masked()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, _) = await app.StaffAsync();
        using var _ = api;
        var person = Person.New();
        var name = Unique.Name("Siti Rahmawati");
        var ak1 = Unique.Code("AK1/2025");
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker(person, name) with { Ak1Number = ak1 });
        var other = await api.RegisterAsync(SeekerIntents.NewSeeker());
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var link = $"a[href='/pencari-kerja/{seeker.Id}']";

        var byName = await console.GetAsync($"/pencari-kerja?name={Uri.EscapeDataString(name)}");
        Assert.Equal(HttpStatusCode.OK, byName.Status);
        Assert.Equal(name, byName.Document.QuerySelector(link)?.TextContent);
        Assert.Null(byName.Document.QuerySelector($"a[href='/pencari-kerja/{other.Id}']"));
        Assert.Contains(person.Nik[..6] + "**********", byName.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Nik, byName.Html, StringComparison.Ordinal);
        Assert.Contains("Aktif mencari kerja", byName.MainText, StringComparison.Ordinal);
        Assert.Contains("Belum ada persetujuan", byName.MainText, StringComparison.Ordinal);

        var byAk1 = await console.GetAsync($"/pencari-kerja?ak1Number={Uri.EscapeDataString(ak1)}");
        Assert.Equal([$"/pencari-kerja/{seeker.Id}"], byAk1.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")));

        // The NIK is posted and answered on the spot: no redirect, no URL carrying it, no echo of it in the page.
        var list = await console.GetAsync("/pencari-kerja");
        var byNik = await console.SubmitAsync(list, new Dictionary<string, string> { ["nik"] = person.Nik });
        Assert.Equal(HttpStatusCode.OK, byNik.Status);
        Assert.Equal("/pencari-kerja", byNik.Response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal([$"/pencari-kerja/{seeker.Id}"], byNik.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain(person.Nik, byNik.Html, StringComparison.Ordinal);
        Assert.Contains("Hasil pencarian", byNik.MainText, StringComparison.Ordinal);

        var byPhone = await console.SubmitAsync(list, new Dictionary<string, string> { ["phone"] = "0" + person.Phone[3..] });
        Assert.Equal([$"/pencari-kerja/{seeker.Id}"], byPhone.Document.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")));

        var unknown = await console.SubmitAsync(list, new Dictionary<string, string> { ["nik"] = Person.New().Nik });
        Assert.Contains("Tidak ada pencari kerja dengan NIK atau nomor HP itu", unknown.MainText, StringComparison.Ordinal);

        var bad = await console.SubmitAsync(list, new Dictionary<string, string> { ["nik"] = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("true", bad.Document.QuerySelector("#nik")!.GetAttribute("aria-invalid"));
        Assert.Contains("NIK tidak sah", bad.Document.QuerySelector("#err-nik")!.TextContent, StringComparison.Ordinal);

        // Another office's staff find nothing, by name or by NIK.
        var (otherApi, otherUser, _) = await app.StaffAsync();
        otherApi.Dispose();
        using var otherConsole = await ConsoleClient.SignInAsync(app, otherUser.UserName, PlatformIntents.Password);
        Assert.Null((await otherConsole.GetAsync($"/pencari-kerja?name={Uri.EscapeDataString(name)}")).Document.QuerySelector(link));
        var theirs = await otherConsole.SubmitAsync(await otherConsole.GetAsync("/pencari-kerja"),
            new Dictionary<string, string> { ["nik"] = person.Nik });
        Assert.Null(theirs.Document.QuerySelector(link));
    }

    [Fact]
    public async Task The_profile_shows_competencies_consent_and_training_in_Indonesian()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, officeId) = await app.StaffAsync();
        using var _ = api;
        var person = Person.New();
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker(person));
        var unit = await api.CompetencyIdAsync(TrainingIntents.WeldingUnits[0]);
        (await api.PutAsJsonAsync($"/api/v1/seekers/{seeker.Id}/competencies", new
        {
            items = new[] { new { competencyId = unit, level = 3, evidence = "certified", years = 2.5, source = "LSP Las" } },
        })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/consent",
            new { channel = "paper_form", evidence = "Formulir 12/2025" })).EnsureSuccessStatusCode();
        var (centreId, cohortId) = await app.TrainingCentreAsync(officeId);
        var enrolment = await app.EnrolAsync(cohortId, seeker.Id, certificateNumber: Unique.Code("SERT"));
        await app.AssessAsync(enrolment, unit);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var page = await console.GetAsync($"/pencari-kerja/{seeker.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = page.MainText;
        Assert.Equal(seeker.FullName, page.Document.QuerySelector("h1")!.TextContent);
        // Staff of the seeker's office get the whole NIK, birth date and phone, as the handler decides.
        Assert.Contains(person.Nik, text, StringComparison.Ordinal);
        Assert.Contains(person.Phone, text, StringComparison.Ordinal);
        Assert.Contains("Data lengkap", text, StringComparison.Ordinal);
        Assert.Contains(seeker.Ak1Number!, text, StringComparison.Ordinal);
        Assert.Contains("SMK – Teknik Pengelasan", text, StringComparison.Ordinal);
        Assert.Contains("Kota Balikpapan", text, StringComparison.Ordinal);

        var competencies = Section(page, "competencies-title");
        Assert.Contains(TrainingIntents.WeldingUnits[0], competencies, StringComparison.Ordinal);
        Assert.Contains("Bersertifikat", competencies, StringComparison.Ordinal);
        Assert.Contains("2,5", competencies, StringComparison.Ordinal);
        Assert.Contains("LSP Las", competencies, StringComparison.Ordinal);

        var consent = Section(page, "consent-title");
        Assert.Contains("Ada persetujuan", consent, StringComparison.Ordinal);
        Assert.Contains("Formulir kertas", consent, StringComparison.Ordinal);
        Assert.Contains("Formulir 12/2025", consent, StringComparison.Ordinal);
        Assert.Contains(user.UserName, consent, StringComparison.Ordinal);
        Assert.Contains("WITA", consent, StringComparison.Ordinal);

        var training = Section(page, "training-title");
        Assert.Contains("Las SMAW", training, StringComparison.Ordinal);
        Assert.Contains("Angkatan 1", training, StringComparison.Ordinal);
        Assert.Contains("Lulus", training, StringComparison.Ordinal);
        Assert.Contains("Skema Pengelasan SMAW", training, StringComparison.Ordinal);
        Assert.Contains("Kompeten", training, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/blk/{centreId}']"));

        Assert.Contains("Belum ada penempatan", Section(page, "placements-title"), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("#export-form"));
        Assert.Null(page.Document.QuerySelector("#erase-form"));
    }

    [Fact]
    public async Task Recording_and_withdrawing_consent_through_the_forms_is_what_the_api_then_reports()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, _) = await app.StaffAsync();
        using var _ = api;
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker());
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var path = $"/pencari-kerja/{seeker.Id}";

        var page = await console.GetAsync(path);
        Assert.Null(page.Document.QuerySelector("#withdraw-form"));
        var channels = page.Document.QuerySelectorAll("#consent-channel option").Select(o => o.TextContent).ToList();
        Assert.Equal(["– pilih –", "Tatap muka", "Formulir kertas", "Daring", "Telepon"], channels);

        // No channel: a field error, nothing recorded.
        var missing = await console.SubmitAsync(page, new Dictionary<string, string> { ["channel"] = "", ["evidence"] = "x" },
            "#consent-form");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("true", missing.Document.QuerySelector("#consent-channel")!.GetAttribute("aria-invalid"));
        Assert.NotNull(missing.Document.QuerySelector("details.confirm[open] #consent-form"));
        Assert.False((await api.GetSeekerAsync(seeker.Id)).ConsentToMatching);

        var recorded = await console.SubmitAsync(page, new Dictionary<string, string>
        {
            ["channel"] = "in_person",
            ["evidence"] = "Formulir persetujuan no. 7",
        }, "#consent-form");
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        var after = await console.FollowAsync(recorded);
        Assert.Contains("Persetujuan dicatat", after.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var granted = await api.GetSeekerAsync(seeker.Id);
        Assert.True(granted.ConsentToMatching);
        var consent = Assert.Single(granted.Consents);
        Assert.Equal(("in_person", "Formulir persetujuan no. 7", user.UserName, (DateTimeOffset?)null),
            (consent.Channel, consent.Evidence, consent.RecordedBy, consent.WithdrawnAt));

        var withdrawn = await console.SubmitAsync(after, new Dictionary<string, string> { ["channel"] = "phone" },
            "#withdraw-form");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);
        var final = await console.FollowAsync(withdrawn);
        Assert.Contains("Persetujuan ditarik", final.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Belum ada persetujuan", Section(final, "consent-title"), StringComparison.Ordinal);
        var state = await api.GetSeekerAsync(seeker.Id);
        Assert.False(state.ConsentToMatching);
        var closed = Assert.Single(state.Consents);
        Assert.Equal(("phone", user.UserName), (closed.WithdrawalChannel, closed.WithdrawalRecordedBy));
        Assert.NotNull(closed.WithdrawnAt);

        // The form of a page that is out of date (withdrawing again) is refused in Indonesian and changes nothing.
        var again = await console.SubmitAsync(after, new Dictionary<string, string> { ["channel"] = "online" },
            "#withdraw-form");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("Tidak ada persetujuan yang dapat ditarik", again.Document.QuerySelector(".problem")!.TextContent,
            StringComparison.Ordinal);
        Assert.Single((await api.GetSeekerAsync(seeker.Id)).Consents);
    }

    [Fact]
    public async Task Another_offices_seeker_is_the_404_page_and_an_instructor_reads_without_the_staff_forms()
    {
        var app = await TestApp.SharedAsync();
        var (api, _, officeId) = await app.StaffAsync();
        using var _ = api;
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker());
        var (otherApi, otherUser, _) = await app.StaffAsync();
        otherApi.Dispose();
        using var other = await ConsoleClient.SignInAsync(app, otherUser.UserName, PlatformIntents.Password);

        var page = await other.GetAsync($"/pencari-kerja/{seeker.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Tidak ditemukan", page.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(seeker.FullName, page.Html, StringComparison.Ordinal);

        // An instructor of a BLK where the seeker trains gets the restricted view and no consent form.
        var (centreId, cohortId) = await app.TrainingCentreAsync(officeId);
        await app.EnrolAsync(cohortId, seeker.Id);
        var instructor = await app.CreateUserAsync("instructor", trainingCentreId: centreId);
        using var console = await ConsoleClient.SignInAsync(app, instructor.UserName, PlatformIntents.Password);
        var restricted = await console.GetAsync($"/pencari-kerja/{seeker.Id}");
        Assert.Equal(HttpStatusCode.OK, restricted.Status);
        Assert.Contains("Data terbatas", restricted.MainText, StringComparison.Ordinal);
        Assert.Contains("Las SMAW", Section(restricted, "training-title"), StringComparison.Ordinal);
        Assert.Null(restricted.Document.QuerySelector("#consent-form"));
        Assert.Null(restricted.Document.QuerySelector("#suggestions-title"));

        // Posting the consent form anyway is refused by the page handler, not left to the API's policy.
        var token = restricted.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var forged = await console.PostAsync($"/pencari-kerja/{seeker.Id}?handler=Consent", new Dictionary<string, string>
        {
            ["__af"] = token,
            ["channel"] = "in_person",
        });
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.False((await api.GetSeekerAsync(seeker.Id)).ConsentToMatching);

        // Their list shows their trainee, without the NIK search, which the page refuses them too.
        var list = await console.GetAsync("/pencari-kerja");
        Assert.NotNull(list.Document.QuerySelector($"a[href='/pencari-kerja/{seeker.Id}']"));
        Assert.Null(list.Document.QuerySelector("#nik"));
        var search = await console.PostAsync("/pencari-kerja", new Dictionary<string, string>
        {
            ["__af"] = token,
            ["nik"] = "6471010101900001",
        });
        Assert.Equal(HttpStatusCode.Forbidden, search.Status);
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_text()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, _) = await app.StaffAsync();
        using var _ = api;
        const string name = "<script>alert(1)</script>";
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker(fullName: name));
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        foreach (var path in new[] { $"/pencari-kerja/{seeker.Id}", $"/pencari-kerja?ak1Number={Uri.EscapeDataString(seeker.Ak1Number!)}" })
        {
            var page = await console.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Html, StringComparison.Ordinal);
            Assert.Empty(page.Document.QuerySelectorAll("script"));
            Assert.Contains(name, page.MainText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_profile_view_writes_its_audit_row()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, _) = await app.StaffAsync();
        using var _ = api;
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker());
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        for (var view = 1; view <= 2; view++)
        {
            Assert.Equal(HttpStatusCode.OK, (await console.GetAsync($"/pencari-kerja/{seeker.Id}")).Status);
            var reads = (await AuditAsync(app, seeker.Id))
                .Where(r => r.GetProperty("action").GetString() == "seeker.read"
                            && r.GetProperty("details").GetProperty("via").GetString() == "get")
                .ToList();
            Assert.Equal(view, reads.Count);
            Assert.All(reads, r => Assert.Equal((user.UserName, "full"),
                (r.GetProperty("actorName").GetString(), r.GetProperty("details").GetProperty("view").GetString())));
        }
    }

    [Fact]
    public async Task Export_and_erasure_are_for_admins_and_refused_to_staff_by_the_page_handler()
    {
        var app = await TestApp.SharedAsync();
        var (api, user, _) = await app.StaffAsync();
        using var _ = api;
        var person = Person.New();
        var seeker = await api.RegisterAsync(SeekerIntents.NewSeeker(person));
        var path = $"/pencari-kerja/{seeker.Id}";

        using (var staff = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password))
        {
            var page = await staff.GetAsync(path);
            Assert.Null(page.Document.QuerySelector("#export-form"));
            Assert.Null(page.Document.QuerySelector("#erase-form"));
            var token = page.Document.QuerySelector("#consent-form input[name=__af]")!.GetAttribute("value")!;
            var export = await staff.PostAsync($"{path}?handler=Export", new Dictionary<string, string> { ["__af"] = token });
            Assert.Equal(HttpStatusCode.Forbidden, export.Status);
            Assert.Contains("Tidak berwenang", export.MainText, StringComparison.Ordinal);
            var erase = await staff.PostAsync($"{path}?handler=Erase", new Dictionary<string, string>
            {
                ["__af"] = token,
                ["reason"] = "duplicate",
                ["confirm"] = "HAPUS",
            });
            Assert.Equal(HttpStatusCode.Forbidden, erase.Status);
        }

        Assert.Equal(0, await app.AuditCountAsync(seeker.Id, "seeker.export"));
        Assert.Equal(seeker.FullName, (await api.GetSeekerAsync(seeker.Id)).FullName);

        using var admin = await ConsoleClient.SignInAsync(app, TestApp.AdminUser, TestApp.AdminPassword);
        var profile = await admin.GetAsync(path);
        Assert.Contains("Data disamarkan", profile.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Nik, profile.Html, StringComparison.Ordinal);

        var download = await admin.SubmitAsync(profile, formSelector: "#export-form");
        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal("application/json", download.Response.Content.Headers.ContentType?.MediaType);
        Assert.Matches($"^pencari-kerja-{seeker.Id}-[0-9]{{8}}\\.json$",
            download.Response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Equal("attachment", download.Response.Content.Headers.ContentDisposition?.DispositionType);
        using (var document = JsonDocument.Parse(download.Html))
        {
            Assert.Equal(seeker.Id, document.RootElement.GetProperty("seekerId").GetInt64());
            Assert.Equal(person.Nik, document.RootElement.GetProperty("seeker").GetProperty("nik").GetString());
            Assert.True(document.RootElement.GetProperty("tables").GetProperty("audit_log").GetArrayLength() > 0);
        }

        Assert.Equal(1, await app.AuditCountAsync(seeker.Id, "seeker.export"));

        // A confirmation that is neither the AK/1 number nor HAPUS (exactly) erases nothing.
        foreach (var wrong in new[] { "hapus", seeker.Ak1Number![..^1], "" })
        {
            var refused = await admin.SubmitAsync(profile, new Dictionary<string, string>
            {
                ["reason"] = "data_subject_request",
                ["confirm"] = wrong,
            }, "#erase-form");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("Tidak ada yang dihapus", refused.Document.QuerySelector("#err-confirm")!.TextContent,
                StringComparison.Ordinal);
            Assert.NotNull(refused.Document.QuerySelector("details.confirm[open] #erase-form"));
        }

        Assert.Equal(0, await app.AuditCountAsync(seeker.Id, "seeker.erase"));
        Assert.Equal(seeker.FullName, (await api.GetSeekerAsync(seeker.Id)).FullName);

        var erased = await admin.SubmitAsync(profile, new Dictionary<string, string>
        {
            ["reason"] = "data_subject_request",
            ["confirm"] = seeker.Ak1Number!,
        }, "#erase-form");
        Assert.Equal(HttpStatusCode.Redirect, erased.Status);
        var list = await admin.FollowAsync(erased);
        Assert.Contains("sudah dihapus", list.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.AuditCountAsync(seeker.Id, "seeker.erase"));
        Assert.Equal(HttpStatusCode.Gone, (await api.GetAsync($"/api/v1/seekers/{seeker.Id}")).StatusCode);

        var gone = await admin.GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.Contains("Data sudah dihapus", gone.MainText, StringComparison.Ordinal);
        Assert.DoesNotContain(seeker.FullName, gone.Html, StringComparison.Ordinal);
    }

    /// <summary>The text of the section a heading (by id) opens.</summary>
    private static string Section(ConsolePage page, string headingId) =>
        ConsolePage.Collapse(page.Document.QuerySelector($"#{headingId}")?.ParentElement?.TextContent
            ?? throw new InvalidOperationException($"no section '{headingId}' on the page:\n{page.MainText}"));

    private static async Task<List<JsonElement>> AuditAsync(TestApp app, long seekerId)
    {
        using var admin = await app.AdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?seekerId={seekerId}&pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
