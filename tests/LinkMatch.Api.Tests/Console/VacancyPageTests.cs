using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>A vacancy's page (<c>/lowongan/{id}</c>): its Perpres 57/2023 content, its suggestions in rank order with
/// their explanations, and the review through the page's forms — approve (the API then says approved, the timeline
/// names the staff member), reject with a reason (a note required for 'other'), a second approval refused with the
/// handler's reason in the console's language.</summary>
[Collection(IsolatedService.Console)]
public class VacancyPageTests(IsolatedService service)
{
    [Fact]
    public async Task Staff_see_the_vacancy_and_its_suggestions_in_rank_order_and_approve_one_through_the_page()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var first = await world.CookAsync();
        var second = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        await world.Staff.WaitForSuggestionsAsync(vacancy.Id,
            s => s.Count(x => x.Status == "proposed" && (x.Seeker.Id == first.Id || x.Seeker.Id == second.Id)) == 2);
        await app.WaitForRecomputesAsync([vacancy.Id], [first.Id, second.Id]);
        var user = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        // The API's answer in the console's language, to compare sentence for sentence.
        using var indonesian = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        indonesian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("id");
        var suggestions = (await indonesian.SuggestionsAsync(vacancy.Id)).Where(s => s.Status == "proposed")
            .OrderBy(s => s.Rank).ToList();
        Assert.All(suggestions, s => Assert.Contains(s.Explanation.Factors,
            f => f.Text.Contains("unit kompetensi wajib", StringComparison.Ordinal)));
        var page = await console.GetAsync($"/lowongan/{vacancy.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = page.MainText;
        Assert.Contains(vacancy.Title, page.Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        // The work region by its name (the province is the test's own, so its name is read from the reference data).
        var province = (await world.Staff.GetFromJsonAsync<JsonElement>($"/api/v1/reference/regions/{world.Province}"))
            .GetProperty("name").GetString()!;
        foreach (var fact in new[]
        {
            world.Partner.Employer.Name, "(5120)", "Lowongan kerja", "2 formasi · 0 terisi · sisa 2", "Kontrak (PKWT)",
            "SMK", province, "Laki-laki/perempuan", "Belum dilaporkan", "I.561010.001.01", "Wajib",
        })
        {
            Assert.Contains(fact, text, StringComparison.Ordinal);
        }

        var cards = page.Document.QuerySelectorAll("li.suggestion");
        Assert.Equal(suggestions.Select(s => $"saran-{s.Id}"), cards.Select(c => c.Id));
        Assert.Equal(suggestions.Select(s => $"#{s.Rank}"), cards.Select(c => c.QuerySelector(".rank")!.TextContent));
        foreach (var (card, suggestion) in cards.Zip(suggestions))
        {
            var shown = ConsolePage.Collapse(card.TextContent);
            Assert.Contains(suggestion.Seeker.FullName, shown, StringComparison.Ordinal);
            Assert.Contains(suggestion.Seeker.Nik, shown, StringComparison.Ordinal);
            Assert.Contains(ConsolePage.Collapse(suggestion.Explanation.Summary), shown, StringComparison.Ordinal);
            var factors = card.QuerySelectorAll(".for li").Select(li => ConsolePage.Collapse(li.TextContent)).ToList();
            Assert.Equal(suggestion.Explanation.Factors.Count(f => f.Contribution > 0), factors.Count);
            Assert.All(suggestion.Explanation.Factors.Where(f => f.Contribution > 0),
                f => Assert.Contains(factors, li => li.StartsWith(ConsolePage.Collapse(f.Text), StringComparison.Ordinal)));
            Assert.Contains("Yang memberatkan", shown, StringComparison.Ordinal);
            Assert.Contains($"{suggestion.Seeker.FullName} akan dirujuk ke {world.Partner.Employer.Name}", shown,
                StringComparison.Ordinal);
        }

        var (approved, after) = await ApproveThroughPageAsync(console, world, vacancy.Id, first.Id);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Contains($"Saran disetujui: kandidat dirujuk ke {world.Partner.Employer.Name}.",
            after.Document.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Document.QuerySelectorAll("li.suggestion"), c => c.Id == $"saran-{approved}");
        var referred = after.Document.QuerySelector($"a[href='/saran/{approved}']")?.Closest("tr");
        Assert.NotNull(referred);
        Assert.Contains(first.FullName, referred!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Dirujuk", referred.QuerySelector(".badge")!.TextContent);

        var detail = await world.Staff.SuggestionAsync(approved);
        Assert.Equal("approved", detail.Status);
        var step = Assert.Single(detail.History);
        Assert.Equal(("approve", "user", user.UserName), (step.Action, step.ActorKind, step.ActorName));
        var timeline = await console.GetAsync($"/saran/{approved}");
        var entry = ConsolePage.Collapse(Assert.Single(timeline.Document.QuerySelectorAll("ol.timeline li")).TextContent);
        Assert.Contains("Disetujui dan dirujuk", entry, StringComparison.Ordinal);
        Assert.Contains($"Oleh: {user.UserName}", entry, StringComparison.Ordinal);
        Assert.Contains("WITA", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_for_other_needs_a_note_and_a_second_approval_shows_the_refusal_in_the_users_language()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var user = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        // Reject with 'other' and no note: the note's error beside it, and nothing changes.
        var (id, page) = await PageWithAsync(console, world, vacancy.Id, seeker.Id);
        var before = await app.SuggestionRowAsync(id);
        var refused = await console.SubmitAsync(page, new Dictionary<string, string>
        {
            ["reasonCode"] = "other",
            ["note"] = "  ",
        }, formSelector: $"#saran-{id} form[action*='handler=reject']");
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var card = refused.Document.QuerySelector($"#saran-{id}")!;
        Assert.Equal("true", card.QuerySelector("textarea[name=note]")!.GetAttribute("aria-invalid"));
        Assert.Contains("Tulis catatan yang menjelaskan alasannya", card.QuerySelector(".field-error#err-note")!.TextContent,
            StringComparison.Ordinal);
        Assert.NotNull(card.QuerySelector("details.confirm[open] select[name=reasonCode] option[value=other][selected]"));
        Assert.Equal(before, await app.SuggestionRowAsync(id));
        Assert.Equal("proposed", (await world.Staff.SuggestionAsync(id)).Status);

        // Approve, then the same (stale) form again: 409 with the handler's reason, in Indonesian.
        var (approved, _) = await ApproveThroughPageAsync(console, world, vacancy.Id, seeker.Id, page);
        var again = await console.PostAsync($"/lowongan/{vacancy.Id}?handler=approve", new Dictionary<string, string>
        {
            ["__af"] = page.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!,
            ["suggestionId"] = approved.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("Saran ini sudah disetujui.", again.MainText, StringComparison.Ordinal);
        Assert.Single((await world.Staff.SuggestionAsync(approved)).History);

        // In English for a user who switched: the same handler, the request's language.
        using var english = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password, "en");
        var suggestionPage = await english.GetAsync($"/saran/{approved}");
        Assert.Contains("Approved and referred", suggestionPage.MainText, StringComparison.Ordinal);
        var forged = await english.PostAsync($"/saran/{approved}?handler=approve", new Dictionary<string, string>
        {
            ["__af"] = suggestionPage.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Conflict, forged.Status);
        Assert.Contains("The suggestion is already approved.", forged.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_offices_staff_get_the_404_page_for_the_vacancy_and_its_suggestion_and_cannot_act()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await WorkflowPageTests.UnmatchedCookAsync(world);
        var vacancy = await world.CookVacancyAsync();
        var id = await app.ReferredFixtureAsync("job", vacancy.Id, seeker.Id);
        var other = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var console = await ConsoleClient.SignInAsync(app, other.UserName, PlatformIntents.Password);

        foreach (var path in new[] { $"/lowongan/{vacancy.Id}", $"/saran/{id}" })
        {
            var page = await console.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.Contains("Tidak ditemukan", page.MainText, StringComparison.Ordinal);
            Assert.DoesNotContain(seeker.FullName, page.Html, StringComparison.Ordinal);
        }

        // A form posted with the user's own antiforgery token (from their own page) changes nothing either.
        var own = await console.GetAsync("/lowongan");
        var token = own.Document.QuerySelector("input[name=__af]")!.GetAttribute("value")!;
        var before = await app.SuggestionRowAsync(id);
        var posted = await console.PostAsync($"/saran/{id}?handler=notHired", new Dictionary<string, string>
        {
            ["__af"] = token,
            ["reasonCode"] = "no_show",
        });
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(before, await app.SuggestionRowAsync(id));
        var list = await console.GetAsync("/saran?status=semua");
        Assert.DoesNotContain(list.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/saran/{id}");
    }

    /// <summary>The vacancy's page with the seeker's proposed suggestion on it, once matching has made it.</summary>
    internal static async Task<(long Id, ConsolePage Page)> PageWithAsync(ConsoleClient console, WorkflowWorld world,
        long vacancyId, long seekerId)
    {
        var id = await world.SuggestionIdAsync(vacancyId, seekerId);
        var page = await console.GetAsync($"/lowongan/{vacancyId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return (id, page);
    }

    /// <summary>Approves the seeker's suggestion through the form on <paramref name="page"/> (or on the vacancy's page
    /// read now, when the given one does not show it) and follows the redirect. Recomputes keep a pair's id and no
    /// other test's full refresh reaches this service, so the id read once is the one approved.</summary>
    internal static async Task<(long Id, ConsolePage After)> ApproveThroughPageAsync(ConsoleClient console,
        WorkflowWorld world, long vacancyId, long seekerId, ConsolePage? page = null)
    {
        var id = await world.SuggestionIdAsync(vacancyId, seekerId);
        page = page?.Document.QuerySelector($"#saran-{id}") is null ? await console.GetAsync($"/lowongan/{vacancyId}") : page;
        var answer = await console.SubmitAsync(page, formSelector: $"#saran-{id} form[action*='handler=approve']");
        Assert.True(answer.Status == HttpStatusCode.Redirect, $"approve: {(int)answer.Status} {answer.MainText}");
        Assert.StartsWith($"/lowongan/{vacancyId}", answer.Location, StringComparison.Ordinal);
        return (id, await console.FollowAsync(answer));
    }
}
