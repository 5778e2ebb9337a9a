using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>A field the caller may not set, or that names another owner's object, answers 400 naming the field and
/// changes nothing. One line per case: owner B's caller, the request, the field the answer must name.</summary>
[Collection(OwnersWorld.Collection)]
public class ForbiddenFieldTests(OwnersWorld world)
{
    private sealed record Case(string Role, string Method, Func<OwnersWorld, string> Path,
        Func<OwnersWorld, object> Body, string Field);

    private static readonly Case[] Cases =
    [
        // Vacancies: the employer is the caller's own; status, filled count, office and MoU are the service's.
        new("employer", "POST", _ => "/api/v1/vacancies", w => Vacancy(("employerId", w.IdOf("employer"))), "employerId"),
        new("employer", "POST", _ => "/api/v1/vacancies", _ => Vacancy(("status", "filled")), "status"),
        new("employer", "POST", _ => "/api/v1/vacancies", _ => Vacancy(("filled", 1)), "filled"),
        new("employer", "POST", _ => "/api/v1/vacancies", w => Vacancy(("officeId", w.IdOf("office"))), "officeId"),
        new("employer", "POST", _ => "/api/v1/vacancies", w => Vacancy(("mouId", w.IdOf("mou"))), "mouId"),
        new("staff", "POST", _ => "/api/v1/vacancies", w => Vacancy(("employerId", w.OtherOwnersOwn["employer"]), ("officeId", w.IdOf("office"))), "officeId"),
        new("employer", "PUT", OwnVacancy, _ => Amendment(("status", "closed")), "status"),
        new("employer", "PUT", OwnVacancy, _ => Amendment(("filled", 2)), "filled"),
        new("employer", "PUT", OwnVacancy, w => Amendment(("officeId", w.IdOf("office"))), "officeId"),
        new("employer", "PUT", OwnVacancy, w => Amendment(("employerId", w.IdOf("employer"))), "employerId"),
        new("staff", "PUT", OwnVacancy, w => Amendment(("officeId", w.IdOf("office"))), "officeId"),
        // Seekers: staff register into and keep seekers in their own office only.
        new("staff", "POST", _ => "/api/v1/seekers", w => SeekerIntents.NewSeeker() with { OfficeId = w.IdOf("office") }, "officeId"),
        new("staff", "PUT", w => $"/api/v1/seekers/{w.OtherOwnersOwn["seeker"]}", w => SeekerIntents.NewSeeker() with { OfficeId = w.IdOf("office") }, "officeId"),
        new("staff", "POST", _ => "/api/v1/seekers", _ => SeekerIntents.NewSeeker() with { Status = "erased" }, "status"),
        // Placements: another office's vacancy or seeker is unknown.
        new("staff", "POST", _ => "/api/v1/placements", w => Placement(w.OtherOwnersOwn["seeker"], w.IdOf("vacancy")), "vacancyId"),
        new("staff", "POST", _ => "/api/v1/placements", w => Placement(w.IdOf("seeker"), w.OtherOwnersOwn["vacancy"]), "seekerId"),
        // Training: another BLK's centre, course or cohort is unknown.
        new("instructor", "POST", _ => "/api/v1/courses", w => new { trainingCentreId = w.IdOf("training-centre"), code = "LAS-B", title = "Pengelasan B", hours = 100, competencyCodes = TrainingIntents.WeldingUnits }, "trainingCentreId"),
        new("instructor", "POST", _ => "/api/v1/cohorts", w => new { courseId = w.IdOf("course"), name = "Angkatan B", startsOn = OwnersWorld.Today, endsOn = OwnersWorld.Today.AddDays(30), capacity = 10, instructorName = "Bu Sri" }, "courseId"),
        new("instructor", "POST", _ => "/api/v1/enrolments", w => new { cohortId = w.IdOf("cohort"), seekerId = w.OtherOwnersOwn["seeker"] }, "cohortId"),
    ];

    public static TheoryData<int> CaseNumbers => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public async Task A_field_the_caller_may_not_set_is_400_naming_it_and_changes_nothing(int number)
    {
        var c = Cases[number];
        var before = await DatabaseSnapshot.TakeAsync(world.App);
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path(world))
        {
            Content = JsonContent.Create(c.Body(world), options: Json.Options),
        };
        using var response = await world.OtherOwner[c.Role].SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, c.Field);
        Assert.Empty(DatabaseSnapshot.Diff(before, await DatabaseSnapshot.TakeAsync(world.App)));
    }

    private static string OwnVacancy(OwnersWorld w) => $"/api/v1/vacancies/{w.OtherOwnersOwn["vacancy"]}";

    private static Dictionary<string, object?> Vacancy(params (string Key, object Value)[] extra)
    {
        var body = EmployerIntents.JobVacancy();
        foreach (var (key, value) in extra)
        {
            body[key] = value;
        }

        return body;
    }

    private static Dictionary<string, object?> Amendment(params (string Key, object Value)[] extra)
    {
        var body = Vacancy(extra);
        body.Remove("type");
        return body;
    }

    private static object Placement(long seekerId, long vacancyId) =>
        new { seekerId, vacancyId, startDate = OwnersWorld.Today.AddDays(7), source = "direct" };
}
