using System.Globalization;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using static LinkMatch.Api.Tests.Intents.ReportIntents;

namespace LinkMatch.Api.Tests.Reports;

/// <summary>Stored reports follow the registry: a posted vacancy, a registration, a planned cohort and an enrolment
/// each queue a recompute of the snapshots they move, and until it has run the report says a refresh is pending.
/// A service of its own whose refreshes wait ten seconds, so that "pending" is seen for certain before the job runs.</summary>
public class ReportsFollowChangesTests
{
    private static readonly string Month = Today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Vacancies_registrations_cohorts_and_enrolments_refresh_the_reports_they_move_and_say_so_meanwhile()
    {
        var app = await TestApp.StartIsolatedAsync("reports_follow", new Dictionary<string, string>
        {
            ["Reports__RefreshDelay"] = "00:00:10",
        });
        try
        {
            var (staff, _, office) = await app.StaffAsync();
            var ipk = $"/api/v1/reports/ipk?officeId={office}&from={Month}&to={Month}";
            var gaps = $"/api/v1/reports/training-gaps?officeId={office}";
            var centre = await app.CreateTrainingCentreAsync(office);
            var instructor = await app.InstructorAsync(centre.Id);
            var course = await instructor.CreateCourseAsync(centre.Id);
            var uptake = $"/api/v1/training-centres/{centre.Id}/uptake";
            var employer = await app.PartnerSinceAsync(office, Today.AddDays(-30));
            var ipkBefore = await staff.ReportAsync<IpkReportDto>(ipk);
            var gapsBefore = await staff.ReportAsync<TrainingGapReportDto>(gaps);
            var uptakeBefore = await instructor.ReportAsync<UptakeReportDto>(uptake);
            Assert.False(ipkBefore.RefreshPending || gapsBefore.RefreshPending || uptakeBefore.RefreshPending);

            // A vacancy moves IPK and training gaps, not a BLK's uptake.
            await staff.PostVacancyForAsync(employer.Id, EmployerIntents.JobVacancy(openings: 3));
            var ipkPending = await staff.ReportAsync<IpkReportDto>(ipk);
            Assert.True(ipkPending.RefreshPending);
            Assert.Equal(ipkBefore.Months[0], ipkPending.Months[0]);
            Assert.True((await staff.ReportAsync<TrainingGapReportDto>(gaps)).RefreshPending);
            Assert.False((await instructor.ReportAsync<UptakeReportDto>(uptake)).RefreshPending);

            var ipkAfter = await RefreshedAsync<IpkReportDto>(staff, ipk, r => r.RefreshPending);
            Assert.NotNull(ipkAfter.ComputedByJobId);
            Assert.Equal(ipkBefore.Months[0].VacanciesRegistered + 1, ipkAfter.Months[0].VacanciesRegistered);
            Assert.Equal(ipkBefore.Months[0].OpeningsRegistered + 3, ipkAfter.Months[0].OpeningsRegistered);
            var gapsAfter = await RefreshedAsync<TrainingGapReportDto>(staff, gaps, r => r.RefreshPending);
            Assert.Equal(gapsBefore.UnfilledOpenings + 3, gapsAfter.UnfilledOpenings);

            // A registration moves IPK; a new cohort and an enrolment move the BLK's uptake.
            var seeker = await staff.RegisterAsync(SeekerIntents.NewSeeker() with { RegisteredOn = Today });
            Assert.True((await staff.ReportAsync<IpkReportDto>(ipk)).RefreshPending);
            var cohort = await instructor.CreateCohortAsync(course.Id);
            await instructor.EnrolAsync(cohort.Id, seeker.Id);
            var listed = await instructor.ReportAsync<SeekerIntents.PageOf<TrainingCentreUptakeDto>>(
                "/api/v1/training-centres/uptake");
            Assert.True(Assert.Single(listed.Items).RefreshPending);
            var uptakeAfter = await RefreshedAsync<UptakeReportDto>(instructor, uptake, r => r.RefreshPending);
            Assert.Equal(uptakeBefore.Totals.Enrolments + 1, uptakeAfter.Totals.Enrolments);
            Assert.Contains(uptakeAfter.ByCohort, c => c.CohortId == cohort.Id);
            Assert.Equal(ipkAfter.Months[0].SeekersRegistered + 1,
                (await RefreshedAsync<IpkReportDto>(staff, ipk, r => r.RefreshPending)).Months[0].SeekersRegistered);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The report once no refresh is pending (at most a minute).</summary>
    private static async Task<T> RefreshedAsync<T>(HttpClient client, string url, Func<T, bool> pending)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var report = await client.ReportAsync<T>(url);
            if (!pending(report))
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{url} still pending after a minute");
            await Task.Delay(250);
        }
    }
}
