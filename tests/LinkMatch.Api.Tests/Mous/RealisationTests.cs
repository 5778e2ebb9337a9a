using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.MouIntents;

namespace LinkMatch.Api.Tests.Mous;

public class RealisationTests
{
    [Fact]
    public async Task A_placement_counts_once_under_the_mou_in_force_on_its_start_and_only_inside_the_period()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var (staff, _, office) = await app.StaffAsync();
        var (otherStaff, _, _) = await app.StaffAsync();
        var employer = await app.CreateEmployerAsync();
        // MoU A ended the day before MoU B was signed.
        var a = await app.CreateMouAsync(office, employer.Id, null, Today.AddDays(-300), Today.AddDays(-101));
        var b = await app.CreateMouAsync(office, employer.Id, null, Today.AddDays(-100), Today.AddDays(265));
        var underA = await staff.CommitAsync(a.Id, "placements", 10);
        var laterB = await staff.CommitAsync(b.Id, "placements", 4, Today.AddDays(-55));
        var wholeB = await staff.CommitAsync(b.Id, "placements", 8);
        var apprenticesB = await staff.CommitAsync(b.Id, "apprenticeships", 2);

        var job = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 8),
            ("opensOn", Today.AddDays(-300)));
        var apprenticeship = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.ApprenticeshipVacancy(2),
            ("opensOn", Today.AddDays(-300)));
        async Task PlaceAsync(HttpClient client, HttpClient placer, long vacancy, int day)
        {
            var seeker = await client.RegisterAsync(SeekerIntents.NewSeeker());
            await placer.PlaceAsync(seeker.Id, vacancy, Today.AddDays(day), 4_500_000);
        }

        await PlaceAsync(staff, staff, job.Id, -150);        // A
        await PlaceAsync(staff, staff, job.Id, -101);        // A, its last day
        await PlaceAsync(staff, staff, job.Id, -100);        // B, the day it was signed
        await PlaceAsync(staff, staff, job.Id, -60);         // B
        await PlaceAsync(staff, staff, job.Id, -20);         // B
        await PlaceAsync(staff, staff, job.Id, 10);          // not started yet
        await PlaceAsync(otherStaff, admin, job.Id, -50);    // another office's job seeker
        await PlaceAsync(staff, staff, apprenticeship.Id, -40);

        var scoreA = await staff.ScorecardAsync(a.Id);
        Assert.Equal(("expired", 2, Today.AddDays(-101)), (scoreA.Status, Realised(scoreA, underA.Id), scoreA.Commitments[0].LastRealisedOn));
        var scoreB = await staff.ScorecardAsync(b.Id);
        // The whole-term commitment starts first, so it takes every placement of its period; none is counted twice.
        Assert.Equal((3, 0, 1), (Realised(scoreB, wholeB.Id), Realised(scoreB, laterB.Id), Realised(scoreB, apprenticesB.Id)));
        Assert.Equal(4, scoreB.Realised);
        Assert.Equal(Today.AddDays(-20), scoreB.LastActivityOn);
    }

    [Fact]
    public async Task A_blk_mou_realises_its_cohorts_seats_certificates_and_graduates_placements_inside_the_period()
    {
        var app = await TestApp.SharedAsync();
        var admin = await app.SharedAdminAsync();
        var (staff, _, office) = await app.StaffAsync();
        var centre = await app.CreateTrainingCentreAsync(office);
        var instructor = await app.InstructorAsync(centre.Id);
        var course = await instructor.CreateCourseAsync(centre.Id);
        var mou = await (await admin.PostAsJsonAsync("/api/v1/mous", new
        {
            number = Unique.Code("MOU-BLK"),
            officeId = office,
            trainingCentreId = centre.Id,
            scopes = new[] { "training", "placement" },
            signedOn = Today.AddDays(-200),
            validUntil = Today.AddDays(200),
        })).ReadAsync<MouDto>(HttpStatusCode.Created);
        Assert.Equal("training_centre", mou.PartnerKind);
        var from = Today.AddDays(-100);
        var seats = await staff.CommitAsync(mou.Id, "training_seats", 10, from, Today.AddDays(100), "office");
        var certificates = await staff.CommitAsync(mou.Id, "certifications", 4, from, Today.AddDays(100));
        var placed = await staff.CommitAsync(mou.Id, "placements", 5, from, Today.AddDays(100));

        var earlier = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-150), endsOn: Today.AddDays(-110));
        var recent = await instructor.CreateCohortAsync(course.Id, startsOn: Today.AddDays(-60), endsOn: Today.AddDays(-20));
        var people = new List<(long Seeker, long Enrolment)>();
        foreach (var cohort in new[] { earlier.Id, recent.Id, recent.Id, recent.Id })
        {
            var seeker = (await staff.RegisterAsync(SeekerIntents.NewSeeker())).Id;
            people.Add((seeker, (await instructor.EnrolAsync(cohort, seeker)).Id));
        }

        await instructor.CompleteAsync(people[0].Enrolment, Today.AddDays(-110));
        await instructor.CompleteAsync(people[1].Enrolment, Today.AddDays(-20));
        await instructor.AssessAsync(people[0].Enrolment, Today.AddDays(-110), (TrainingIntents.WeldingUnits[0], true));
        await instructor.AssessAsync(people[1].Enrolment, Today.AddDays(-20), (TrainingIntents.WeldingUnits[0], true));
        await instructor.CertifyAsync(people[0].Enrolment, Today.AddDays(-101));   // before the period
        await instructor.CertifyAsync(people[1].Enrolment, Today.AddDays(-15));

        var employer = await app.PartnerSinceAsync(office, Today.AddDays(-300));
        var job = await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 4),
            ("opensOn", Today.AddDays(-300)));
        await staff.PlaceAsync(people[0].Seeker, job.Id, Today.AddDays(-105), 4_000_000);  // a graduate, before the period
        await staff.PlaceAsync(people[1].Seeker, job.Id, Today.AddDays(-10), 4_000_000);   // a graduate
        await staff.PlaceAsync(people[3].Seeker, job.Id, Today.AddDays(-5), 4_000_000);    // never completed

        var score = await instructor.ScorecardAsync(mou.Id);
        Assert.Equal((3, 1, 1), (Realised(score, seats.Id), Realised(score, certificates.Id), Realised(score, placed.Id)));
        Assert.All(score.Commitments, c => Assert.Equal("registry", c.Source));
    }

    private static int Realised(MouScoreDto score, long commitmentId) =>
        score.Commitments.Single(c => c.CommitmentId == commitmentId).Realised;
}
