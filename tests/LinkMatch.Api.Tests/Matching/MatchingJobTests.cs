using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>Jobs on a service that runs none itself: the recompute jobs each change enqueues in its own transaction,
/// one pending job per vacancy or seeker, and a worker process killed while it retrains leaves the old model
/// serving.</summary>
public class MatchingJobTests(IdleDemoService service) : IClassFixture<IdleDemoService>
{
    private TestApp App => service.App;

    private async Task<int> PendingAsync(string key) => (await App.PendingRecomputesAsync(key)).Count;

    [Fact]
    public async Task Every_change_enqueues_one_pending_recompute_per_vacancy_or_seeker_in_its_transaction()
    {
        var (staff, _, officeId) = await App.StaffAsync();
        var partner = await App.PartnerAsync(officeId);
        var vacancy = await partner.Client.PostVacancyAsync(await App.VacancyBodyAsync("7212", ["C.251000.010.01"]));
        Assert.Equal(1, await PendingAsync($"vacancy:{vacancy.Id}"));
        var update = await App.VacancyBodyAsync("7212", ["C.251000.010.01", "C.251000.001.01"]);
        update.Remove("type");
        (await partner.Client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", update)).EnsureSuccessStatusCode();
        update["openings"] = 3;
        (await partner.Client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", update)).EnsureSuccessStatusCode();
        Assert.Equal(1, await PendingAsync($"vacancy:{vacancy.Id}"));
        var pending = Assert.Single(await App.PendingRecomputesAsync($"vacancy:{vacancy.Id}"));
        Assert.Equal(vacancy.Id, (await App.JobAsync(pending.Id)).GetProperty("args").GetProperty("vacancyId").GetInt64());

        // A change that fails writes no job.
        var newestJob = await App.NewestJobIdAsync();
        update["closesOn"] = EmployerIntents.Today.AddDays(-400);
        await (await partner.Client.PutAsJsonAsync($"/api/v1/vacancies/{vacancy.Id}", update))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "closesOn");
        Assert.Equal(newestJob, await App.NewestJobIdAsync());

        var seeker = await staff.MatchableSeekerAsync([("C.251000.010.01", 2, "assessed")], "7212");
        Assert.Equal(1, await PendingAsync($"seeker:{seeker.Id}"));
        (await staff.PostAsJsonAsync($"/api/v1/seekers/{seeker.Id}/consent/withdraw", new { channel = "phone" }))
            .EnsureSuccessStatusCode();
        Assert.Equal(1, await PendingAsync($"seeker:{seeker.Id}"));

        (await partner.Client.PostAsync(new Uri($"/api/v1/vacancies/{vacancy.Id}/close", UriKind.Relative), null))
            .EnsureSuccessStatusCode();
        Assert.Equal(1, await PendingAsync($"vacancy:{vacancy.Id}"));
    }

    [Fact]
    public async Task An_assessment_at_a_BLK_enqueues_the_seekers_recompute()
    {
        var setup = await App.TrainingSetupAsync();
        var (staff, _, _) = await App.StaffAsync(setup.Centre.OfficeId);
        var seeker = await staff.MatchableSeekerAsync([], "7212");
        var cohort = await setup.Instructor.CreateCohortAsync(setup.Course.Id);
        var enrolment = await setup.Instructor.EnrolAsync(cohort.Id, seeker.Id);
        await App.CancelPendingRecomputesAsync($"seeker:{seeker.Id}");
        (await setup.Instructor.PutAsJsonAsync($"/api/v1/enrolments/{enrolment.Id}/assessments", new
        {
            assessments = new[] { new { competencyCode = "C.251000.010.01", outcome = "competent", assessedOn = EmployerIntents.Today } },
        })).EnsureSuccessStatusCode();
        Assert.Equal(1, await PendingAsync($"seeker:{seeker.Id}"));
    }

    [Fact]
    public async Task A_worker_killed_while_retraining_leaves_the_old_model_serving_and_nothing_half_written()
    {
        using var admin = await App.AdminAsync();
        var serving = await App.ServingVersionAsync();
        var models = await App.RankingModelCountAsync();
        // Far more rounds than the data needs, and no early stopping: training runs long enough to be killed.
        var job = await (await admin.PostAsJsonAsync("/api/v1/models/retrain",
                new { trees = 5000, leaves = 32, minExamplesPerLeaf = 1, earlyStoppingRounds = 0 }))
            .ReadAsync<EnqueuedJobDto>(HttpStatusCode.Accepted);
        await using var worker = await ServiceProcess.StartWorkerAsync(
            new Dictionary<string, string>(App.Environment) { ["Jobs__Workers"] = "2" });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!worker.ReadLog().Contains("training up to 5000 trees", StringComparison.Ordinal))
        {
            Assert.False(worker.HasExited, worker.ReadLog());
            Assert.True(DateTime.UtcNow < deadline, "the worker never started training:\n" + worker.ReadLog());
            await Task.Delay(100);
        }

        worker.Kill();
        Assert.Equal("processing", (await App.JobAsync(job.JobId)).GetProperty("job").GetProperty("state").GetString());
        Assert.Equal(serving, await App.ServingVersionAsync());
        Assert.Equal(models, await App.RankingModelCountAsync());
        var model = await (await admin.GetAsync($"/api/v1/models/{serving}")).ReadAsync<ModelDetailDto>();
        Assert.Equal("serving", model.Model.Status);
        Assert.True(model.Trees > 0);
    }
}
