using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Console;

public sealed record WorklistVacancyDto(long VacancyId, string Title, string Type, string EmployerName, int OpeningsLeft,
    DateOnly ClosesOn, int Proposed, DateTimeOffset OldestProposedAt);

public sealed record AwaitingReferralDto(long SuggestionId, string Status, long VacancyId, string VacancyTitle,
    string EmployerName, DateTimeOffset ReferredAt, DateTimeOffset? InterviewAt);

public sealed record ReferralsAwaitingDto(int Total, int Approved, int Interviewing, int Stale,
    List<AwaitingReferralDto> Oldest);

public sealed record ExpiringMouDto(long MouId, string Number, string PartyName, DateOnly ValidUntil, int DaysLeft);

public sealed record RegistrationsDto(int Today, int Last7Days, int Last30Days);

public sealed record WorklistDto(DateOnly Today, int VacanciesToReview, List<WorklistVacancyDto> Vacancies,
    ReferralsAwaitingDto Referrals, List<ExpiringMouDto> ExpiringMous, RegistrationsDto Registrations);

/// <summary>Beranda: the staff worklist (and its API), an instructor's uptake at a glance, an admin's system
/// figures, on a service of these tests' own. Each test works in an office of its own; matching pairs live in a
/// province of the test's own.</summary>
[Collection(IsolatedService.Console)]
public class HomePageTests(IsolatedService service)
{
    [Fact]
    public async Task Staff_see_their_offices_unreviewed_vacancy_then_the_referral_waiting_for_the_employer()
    {
        var app = service.App;
        var world = await app.WorkflowWorldAsync();
        var seeker = await world.CookAsync();
        var vacancy = await world.CookVacancyAsync();
        var ending = await app.CreateMouAsync(world.OfficeId, (await app.CreateEmployerAsync()).Id,
            validUntil: ReportIntents.Today.AddDays(20));
        await world.Staff.RegisterAsync(SeekerIntents.NewSeeker() with { RegisteredOn = ReportIntents.Today });
        var suggestion = await world.SuggestionIdAsync(vacancy.Id, seeker.Id);

        var before = await world.Staff.GetFromJsonAsync<WorklistDto>("/api/v1/worklist", Json.Options);
        var row = Assert.Single(before!.Vacancies, v => v.VacancyId == vacancy.Id);
        Assert.Equal(1, row.Proposed);
        Assert.Equal(2, row.OpeningsLeft);
        Assert.Equal(0, before.Referrals.Total);
        Assert.Contains(before.ExpiringMous, m => m.MouId == ending.Id && m.DaysLeft == 20);
        Assert.Equal(new RegistrationsDto(1, 1, 1), before.Registrations);

        var staffUser = await app.CreateUserAsync("staff", officeId: world.OfficeId);
        using var console = await ConsoleClient.SignInAsync(app, staffUser.UserName, PlatformIntents.Password);
        var home = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.NotNull(home.Document.QuerySelector($"a[href='/lowongan/{vacancy.Id}']"));
        Assert.Contains(ending.Number, home.MainText, StringComparison.Ordinal);
        Assert.Contains("20 hari lagi", home.MainText, StringComparison.Ordinal);
        Assert.Contains("Tidak ada rujukan yang menunggu.", home.MainText, StringComparison.Ordinal);

        await world.ApproveAsync(vacancy.Id, seeker.Id);
        var after = await world.Staff.GetFromJsonAsync<WorklistDto>("/api/v1/worklist", Json.Options);
        // Its only proposed suggestion was reviewed (no other seeker lives in the test's province).
        Assert.DoesNotContain(after!.Vacancies, v => v.VacancyId == vacancy.Id);
        Assert.Equal(1, after.Referrals.Total);
        Assert.Equal(1, after.Referrals.Approved);
        Assert.Equal(suggestion, Assert.Single(after.Referrals.Oldest).SuggestionId);

        var homeAfter = await console.GetAsync("/");
        Assert.NotNull(homeAfter.Document.QuerySelector($"a[href='/saran/{suggestion}']"));
        Assert.Contains("Dirujuk", homeAfter.MainText, StringComparison.Ordinal);

        // Another office sees none of it.
        var (other, _, _) = await app.StaffAsync();
        var theirs = await other.GetFromJsonAsync<WorklistDto>("/api/v1/worklist", Json.Options);
        Assert.DoesNotContain(theirs!.Vacancies, v => v.VacancyId == vacancy.Id);
        Assert.Equal(0, theirs.Referrals.Total);
        Assert.DoesNotContain(theirs.ExpiringMous, m => m.MouId == ending.Id);
    }

    [Fact]
    public async Task The_worklist_is_for_staff_and_admins_and_names_nobody()
    {
        var app = service.App;
        var centre = await app.CreateTrainingCentreAsync();
        using var instructor = await app.InstructorAsync(centre.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await instructor.GetAsync("/api/v1/worklist")).StatusCode);

        using var admin = await app.AdminAsync();
        var body = await (await admin.GetAsync("/api/v1/worklist")).Content.ReadAsStringAsync();
        // Counts and vacancies only: no person's name, NIK or contact.
        Assert.DoesNotContain("fullName", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nik", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("phone", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_instructor_sees_their_blks_uptake_per_course_as_a_chart_with_its_table()
    {
        var app = service.App;
        var office = await app.CreateOfficeAsync();
        var centre = await app.CreateTrainingCentreAsync(office.Id);
        var user = await app.CreateUserAsync("instructor", trainingCentreId: centre.Id);
        using var instructor = await app.SignInAsync(user.UserName, PlatformIntents.Password);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var cohort = await instructor.CreateCohortAsync(course.Id, startsOn: ReportIntents.Today.AddDays(-90),
            endsOn: ReportIntents.Today.AddDays(-30));
        var (staff, _, _) = await app.StaffAsync(office.Id);
        for (var i = 0; i < 3; i++)
        {
            var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker());
            var enrolment = await instructor.EnrolAsync(cohort.Id, seeker.Id);
            await instructor.CompleteAsync(enrolment.Id, ReportIntents.Today.AddDays(-30));
        }

        using var console = await ConsoleClient.SignInAsync(app, user.UserName, PlatformIntents.Password);
        var home = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        var figure = home.Document.QuerySelector("figure.chart");
        Assert.NotNull(figure);
        Assert.Equal("Serapan lulusan per kejuruan", figure!.QuerySelector("figcaption")!.TextContent);
        Assert.NotNull(figure.QuerySelector("svg[role=img] title"));
        var cells = figure.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == course.Title)
            .QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3", "0", "0"], cells);
        Assert.NotNull(home.Document.QuerySelector($"a[href='/blk/{centre.Id}']"));
        Assert.Null(home.Document.QuerySelector("a[href='/lowongan']"));
    }

    [Fact]
    public async Task An_admin_sees_the_serving_models_held_out_ndcg_and_the_queue()
    {
        var app = service.App;
        using var console = await ConsoleClient.SignInAsync(app, TestApp.AdminUser, TestApp.AdminPassword);
        var home = await console.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Contains("Keadaan sistem", home.MainText, StringComparison.Ordinal);
        Assert.Matches(@"versi \d+ · NDCG@10 data uji 0,\d{3}", home.MainText);
        Assert.Contains("Antrean tugas latar", home.MainText, StringComparison.Ordinal);
        Assert.NotNull(home.Document.QuerySelector("a[href='/admin']"));
    }
}
