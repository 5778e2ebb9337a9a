using System.Net;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

/// <summary>Hostile input to the console is a clear 400 or a field error in the user's language, never a 500, and
/// changes nothing: control characters (PostgreSQL cannot store U+0000) are refused before any handler runs; values
/// past a limit or of the wrong kind are named beside their field and in the summary above the form.</summary>
public class HostileInputPageTests
{
    [Theory]
    [InlineData("/lowongan?q=%00")]
    [InlineData("/lowongan?occupationCode=72%07")]
    [InlineData("/pencari-kerja?name=Budi%00")]
    [InlineData("/laporan/kebutuhan-pelatihan?regionCode=64.71%1F")]
    public async Task A_control_character_in_a_query_is_the_400_page_naming_the_field(string path)
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var page = await console.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        var field = path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..path.IndexOf('=', StringComparison.Ordinal)];
        Assert.Contains($"Isian «{field}» berisi karakter kendali", page.MainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_control_character_in_a_form_changes_nothing()
    {
        var app = await TestApp.SharedAsync();
        var (staff, user, _) = await app.StaffAsync();
        var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var profile = await console.GetAsync($"/pencari-kerja/{seeker.Id}");
        var before = await staff.GetSeekerAsync(seeker.Id);

        var posted = await console.SubmitAsync(profile, new Dictionary<string, string>
        {
            ["channel"] = "paper_form",
            ["evidence"] = "Formulir\u0000AK/1",
        }, formSelector: "#consent-form");
        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        // U+0000 makes the form unreadable to the framework itself; other control characters are named by field.
        Assert.Contains("Formulir ini berisi karakter kendali", posted.MainText, StringComparison.Ordinal);
        var bell = await console.SubmitAsync(await console.GetAsync($"/pencari-kerja/{seeker.Id}"),
            new Dictionary<string, string> { ["channel"] = "paper_form", ["evidence"] = "Formulir\u0007AK/1" },
            formSelector: "#consent-form");
        Assert.Equal(HttpStatusCode.BadRequest, bell.Status);
        Assert.Contains("Isian «evidence» berisi karakter kendali", bell.MainText, StringComparison.Ordinal);
        var after = await staff.GetSeekerAsync(seeker.Id);
        Assert.Equal(before.ConsentToMatching, after.ConsentToMatching);
        Assert.Equal(before.Consents.Count, after.Consents.Count);
    }

    [Fact]
    public async Task Values_past_a_limit_or_of_the_wrong_kind_are_named_in_indonesian_and_in_english()
    {
        var app = await TestApp.SharedAsync();
        var user = await app.CreateUserAsync("staff", officeId: (await app.CreateOfficeAsync()).Id);
        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);

        var longTitle = await console.GetAsync("/lowongan?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.OK, longTitle.Status);
        Assert.Equal("Paling banyak 100 karakter.", longTitle.Document.QuerySelector("#err-q")!.TextContent);
        Assert.Null(longTitle.Document.QuerySelector("main table"));

        var wrongKind = await console.GetAsync("/lowongan?employerId=abc");
        Assert.Contains("employerId: Nilai 'abc' tidak sah.",
            wrongKind.Document.QuerySelector("[role=alert] ul")!.TextContent, StringComparison.Ordinal);
        var outOfRange = await console.GetAsync("/lowongan?page=0&status=dibuka");
        var summary = outOfRange.Document.QuerySelector("[role=alert] ul")!.TextContent;
        Assert.Contains("page: Harus antara 1 dan 100000.", summary, StringComparison.Ordinal);
        Assert.Contains("status: Harus salah satu dari: open, filled, closed.", summary, StringComparison.Ordinal);

        using var english = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password, "en");
        var inEnglish = await english.GetAsync("/lowongan?q=" + new string('a', 101));
        Assert.Equal("At most 100 characters.", inEnglish.Document.QuerySelector("#err-q")!.TextContent);
    }
}
