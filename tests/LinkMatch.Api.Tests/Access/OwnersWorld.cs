using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Console;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Access;

/// <summary>Two owners in a service of their own: owner A holds one object of every kind (an office with staff, a
/// BLK with an instructor, course, cohort and enrolment, an employer with an MoU, API key, vacancy and placement, a
/// seeker with consent, a suggestion referred to the employer); owner B has an office with staff, a BLK with an instructor and an employer with an MoU and
/// key, and nothing else. B's callers ask for A's objects.</summary>
public sealed class OwnersWorld : IAsyncLifetime
{
    /// <summary>The test classes that share one world; they run one after another, so database snapshots hold.</summary>
    public const string Collection = "owners-world";

    private Dictionary<string, Dictionary<string, string>> objects = [];

    public TestApp App { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Owner B's caller for each object-scoped role.</summary>
    public Dictionary<string, HttpClient> OtherOwner { get; } = [];

    /// <summary>Owner B's own office, seeker and vacancy, which B may change, by kind.</summary>
    public Dictionary<string, long> OtherOwnersOwn { get; } = [];

    public long CompetencyId { get; private set; }

    public static DateOnly Today => OfficeCalendar.Today;

    /// <summary>The route values that name owner A's object of a kind: <c>id</c>, and <c>keyId</c> for a key.</summary>
    public IReadOnlyDictionary<string, string> ValuesOf(string resource) =>
        objects.TryGetValue(resource, out var values) ? values
            : throw new InvalidOperationException($"OwnersWorld has no object of kind '{resource}'; add one.");

    /// <summary>Owner A's object of a kind, by id.</summary>
    public long IdOf(string resource) => long.Parse(ValuesOf(resource)["id"], System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        App = await TestApp.StartIsolatedAsync("object_matrix");
        Admin = await SignedInClients.BothAsync(App, TestApp.AdminUser, TestApp.AdminPassword);
        CompetencyId = await Admin.CompetencyIdAsync(TrainingIntents.WeldingUnits[0]);

        // Owner A: one of everything.
        var ownerA = await OneOfEverythingAsync(App);
        objects = ownerA.Objects;

        // Owner B: the same roles, none of A's objects.
        var officeB = (await App.CreateOfficeAsync()).Id;
        var staffB = await SignedInClients.BothAsync(App,
            (await App.CreateUserAsync("staff", officeId: officeB)).UserName, PlatformIntents.Password);
        var centreB = await App.CreateTrainingCentreAsync(officeB);
        var partnerB = await App.PartnerAsync(officeB);
        OtherOwner["staff"] = staffB;
        OtherOwner["instructor"] = await SignedInClients.BothAsync(App,
            (await App.CreateUserAsync("instructor", trainingCentreId: centreB.Id)).UserName, PlatformIntents.Password);
        OtherOwner["employer"] = partnerB.Client;
        OtherOwnersOwn["office"] = officeB;
        OtherOwnersOwn["employer"] = partnerB.Employer.Id;
        OtherOwnersOwn["seeker"] = (await staffB.RegisterAsync(SeekerIntents.NewSeeker())).Id;
        OtherOwnersOwn["vacancy"] = (await partnerB.Client.PostVacancyAsync(EmployerIntents.JobVacancy())).Id;

        // The setup's matching jobs (the canary seeker is matchable, so they write suggestions) finish before any
        // test compares database snapshots; on a busy machine they would otherwise land in the middle of one.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await App.JobsBusyOrDueWithinAsync(TimeSpan.FromMinutes(1)) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The owners' world's background jobs did not finish.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>An owner with one object of every kind, made through the API (the suggestion as a fixture): an office
    /// with staff, a BLK with an instructor, course, cohort and enrolment, an employer with an MoU, API key, vacancy and
    /// placement, a seeker with consent, a suggestion referred to the employer, and a commitment on the MoU. The route
    /// values of each object, by kind, and the owner's staff, instructor and employer clients.</summary>
    public static async Task<Owner> OneOfEverythingAsync(TestApp app)
    {
        var officeA = (await app.CreateOfficeAsync()).Id;
        var (staffA, _, _) = await app.StaffAsync(officeA);
        var centreA = await app.CreateTrainingCentreAsync(officeA);
        var instructorA = await app.InstructorAsync(centreA.Id);
        var courseA = await instructorA.CreateCourseAsync(centreA.Id);
        var cohortA = await instructorA.CreateCohortAsync(courseA.Id);
        var seekerA = await staffA.RegisterAsync(SeekerIntents.NewSeeker());
        (await staffA.PostAsJsonAsync($"/api/v1/seekers/{seekerA.Id}/consent", new { channel = "paper_form" }))
            .EnsureSuccessStatusCode();
        var enrolmentA = await instructorA.EnrolAsync(cohortA.Id, seekerA.Id);
        var employerA = await app.CreateEmployerAsync();
        var mouA = await app.CreateMouAsync(officeA, employerA.Id);
        var keyA = await app.IssueApiKeyAsync(employerA.Id);
        var vacancyA = await app.WithApiKey(keyA.Key).PostVacancyAsync(EmployerIntents.JobVacancy(openings: 3));
        var placementA = await (await staffA.PostAsJsonAsync("/api/v1/placements", new
        {
            seekerId = seekerA.Id,
            vacancyId = vacancyA.Id,
            startDate = Today.AddDays(7),
            source = "direct",
        })).ReadAsync<PlacementDto>(HttpStatusCode.Created);

        // A suggestion of seeker A for vacancy A, referred to employer A. Written as a fixture, already approved:
        // a proposed row could be replaced by the matching jobs the writes above enqueue.
        var suggestionA = await app.InsertApprovedSuggestionAsync(vacancyA.Id, seekerA.Id);
        var commitmentA = await staffA.CommitAsync(mouA.Id, "placements", 10);

        var objects = new Dictionary<string, Dictionary<string, string>>
        {
            ["office"] = Id(officeA),
            ["office-report"] = new() { ["kind"] = "training-gaps", ["id"] = Text(officeA) },
            ["training-centre"] = Id(centreA.Id),
            ["course"] = Id(courseA.Id),
            ["cohort"] = Id(cohortA.Id),
            ["enrolment"] = Id(enrolmentA.Id),
            ["seeker"] = Id(seekerA.Id),
            ["employer"] = Id(employerA.Id),
            ["mou"] = Id(mouA.Id),
            ["commitment"] = new() { ["id"] = Text(mouA.Id), ["cid"] = Text(commitmentA.Id) },
            ["api-key"] = new() { ["id"] = Text(employerA.Id), ["keyId"] = Text(keyA.Id) },
            ["vacancy"] = Id(vacancyA.Id),
            ["placement"] = Id(placementA.Id),
            ["suggestion"] = Id(suggestionA),
        };

        return new Owner(objects, staffA, instructorA, app.WithApiKey(keyA.Key));
    }

    public sealed record Owner(Dictionary<string, Dictionary<string, string>> Objects, HttpClient Staff,
        HttpClient Instructor, HttpClient Employer);

    public async Task DisposeAsync() => await App.StopAsync();

    private static Dictionary<string, string> Id(long id) => new() { ["id"] = Text(id) };

    private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

[CollectionDefinition(OwnersWorld.Collection)]
public sealed class OwnersWorldCollection : ICollectionFixture<OwnersWorld>;
