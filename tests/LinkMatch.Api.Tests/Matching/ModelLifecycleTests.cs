using System.Net;
using System.Net.Http.Json;
using LinkMatch.Api.Matching;
using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Models;
using LinkMatch.Api.Matching.Training;
using LinkMatch.Api.Tests.Infrastructure;
using LinkMatch.Api.Tests.Intents;
using Npgsql;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>The model's life cycle on a small demo world: retraining promotes only a model at least as good on the
/// held-out slice, a worse one is rejected, admins promote and roll back, and training data is built from outcomes
/// without leakage.</summary>
public class ModelLifecycleTests(WorkingDemoService service) : IClassFixture<WorkingDemoService>
{
    static ModelLifecycleTests() => LinkMatch.Api.Database.DapperTypeHandlers.Register();

    private TestApp App => service.App;

    [Fact]
    public async Task Retraining_promotes_an_equal_or_better_model_rejects_a_worse_one_and_admins_switch_models()
    {
        using var admin = await App.AdminAsync();
        var baseline = await App.ServingVersionAsync();
        Assert.Equal("baseline", (await ModelAsync(admin, baseline)).Model.Source);

        var first = await RetrainAsync(admin, new { });
        if (first.Status != "serving")
        {
            Assert.Equal("rejected", first.Status);
            var promoted = await (await admin.PostAsync(new Uri($"/api/v1/models/{first.Version}/promote", UriKind.Relative), null))
                .ReadAsync<ModelDto>();
            Assert.Equal("serving", promoted.Status);
        }

        Assert.Equal(first.Version, await App.ServingVersionAsync());
        Assert.NotEmpty(await App.JobsOfKindAsync("matching.refresh"));

        // Its fairness on the held-out vacancies is stored with it, beside the serving baseline's on the same slice:
        // every candidate in one group of each dimension, at most 10 of each vacancy in a top 10.
        var fairness = first.Fairness!.Value;
        Assert.Equal((10, baseline), (fairness.GetProperty("topK").GetInt32(), fairness.GetProperty("servingVersion").GetInt32()));
        var vacancies = fairness.GetProperty("vacancies").GetInt32();
        Assert.Equal(first.Metrics.GetProperty("holdout.queries").GetInt32(), vacancies);
        var groups = fairness.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["sex", "age_band", "disability", "residence", "education"],
            groups.Select(g => g.GetProperty("dimension").GetString()).Distinct());
        var sexes = groups.Where(g => g.GetProperty("dimension").GetString() == "sex").ToList();
        Assert.Equal(fairness.GetProperty("candidates").GetInt32(), sexes.Sum(g => g.GetProperty("candidates").GetInt32()));
        foreach (var side in new[] { "model", "serving" })
        {
            var top = sexes.Sum(g => g.GetProperty(side).GetProperty("count").GetInt32());
            Assert.InRange(top, vacancies, 10 * vacancies);
        }

        // LightGBM trained it through ML.NET in the job: the stored file is an ML.NET model that plain ML.NET scores
        // as the service's scorer does, and whose explanations add up.
        var zip = await App.StoredModelZipAsync(first.Version);
        var trained = ServingModel.Parse(zip);
        Assert.Equal(FeatureNames.All, trained.FeatureNames);
        PlainMlNet.AssertScoresAsTheService(zip, trained, PlainMlNet.HardRows(zip, trained, seed: 11));

        // The same data and parameters train the same model: equal on the held-out slice, so it is promoted.
        var second = await RetrainAsync(admin, new { });
        Assert.Equal("serving", second.Status);
        Assert.Equal(first.Metrics.GetProperty("holdout.ndcg@10").GetDouble(),
            second.Metrics.GetProperty("holdout.ndcg@10").GetDouble());
        Assert.Equal("retired", (await ModelAsync(admin, first.Version)).Model.Status);

        // A single stump ranks worse than a boosted model: stored, rejected, and the serving model stays.
        var worse = await RetrainAsync(admin, new { trees = 1, leaves = 2, earlyStoppingRounds = 0 });
        Assert.Equal("rejected", worse.Status);
        Assert.Contains("rejected", worse.Decision, StringComparison.Ordinal);
        Assert.True(worse.Metrics.GetProperty("holdout.ndcg@10").GetDouble()
            < worse.Metrics.GetProperty("serving.holdout.ndcg@10").GetDouble());
        Assert.Equal(second.Version, await App.ServingVersionAsync());
        var detail = await ModelAsync(admin, worse.Version);
        Assert.Equal(1, detail.Trees);
        Assert.Equal(20, detail.FeatureNames.Count);

        var rolledBack = await (await admin.PostAsync(new Uri("/api/v1/models/rollback", UriKind.Relative), null))
            .ReadAsync<ModelDto>();
        Assert.Equal(first.Version, rolledBack.Version);
        Assert.Equal(first.Version, await App.ServingVersionAsync());
        Assert.Equal(1, await App.RankingModelCountAsync("serving"));
        await (await admin.PostAsync(new Uri($"/api/v1/models/{first.Version}/promote", UriKind.Relative), null))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync(new Uri("/api/v1/models/987654/promote", UriKind.Relative), null))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        var rejected = await (await admin.GetAsync("/api/v1/models?status=rejected"))
            .ReadAsync<SeekerIntents.PageOf<ModelDto>>();
        Assert.Contains(rejected.Items, m => m.Version == worse.Version);
        Assert.True((await App.AuditRowsAsync("action=ranking_model.promote")).Count
            + (await App.AuditRowsAsync("action=ranking_model.rollback")).Count >= 3);
        await (await admin.PostAsJsonAsync("/api/v1/models/retrain", new { trees = 0 }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "trees");
    }

    [Fact]
    public async Task Training_data_has_a_hire_in_every_query_graded_labels_and_the_held_out_slice_last()
    {
        await using var db = NpgsqlDataSource.Create(App.Database.OwnerConnectionString);
        var options = new MatchingOptions();
        var data = await TrainingSetBuilder.BuildAsync(db, options, OfficeCalendar.Today,
            CancellationToken.None);
        Assert.True(data.Window.TrainQueries > 10);
        Assert.True(data.Window.HoldoutQueries > 0);
        Assert.True(data.Window.HoldoutFrom >= data.Window.TrainTo);
        foreach (var set in new[] { data.Train, data.Holdout })
        {
            var offsets = set.QueryOffsets.ToArray();
            var labels = set.Labels.ToArray();
            for (var q = 0; q < set.QueryCount; q++)
            {
                var query = labels[offsets[q]..offsets[q + 1]];
                Assert.Contains(TrainingLabels.Hired, query);
                Assert.All(query, l => Assert.True(l is TrainingLabels.Hired or TrainingLabels.NotSuggested));
                Assert.True(query.Length <= 1 + query.Count(l => l > 0) + options.Training.NegativesPerVacancy);
            }
        }

        Assert.True(data.Window.Positives <= await App.PlacementCountAsync());
    }

    [Fact]
    public async Task A_unit_certified_after_a_day_is_not_known_on_that_day()
    {
        var (seekerId, competencyId, assessedOn, issuedOn) = await App.FirstCertifiedUnitAsync();
        await using var db = NpgsqlDataSource.Create(App.Database.OwnerConnectionString);
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var courses = await CourseCatalog.LoadAsync(conn, tx, CancellationToken.None);
        var history = (await TrainingHistoryLoader.LoadAsync(conn, tx, courses, CancellationToken.None))
            .Single(h => h.Current.Id == seekerId);
        Assert.Null(history.AsOf(assessedOn.AddDays(-1)).Find(competencyId));
        Assert.Equal(Evidence.Certified, history.AsOf(issuedOn).Find(competencyId)!.Value.Evidence);
        Assert.Equal(Evidence.Certified, history.Ever().Find(competencyId)!.Value.Evidence);
    }

    private async Task<ModelDto> RetrainAsync(HttpClient admin, object body)
    {
        var job = await (await admin.PostAsJsonAsync("/api/v1/models/retrain", body)).ReadAsync<EnqueuedJobDto>(HttpStatusCode.Accepted);
        await App.WaitForJobAsync(job.JobId);
        var version = await App.NewestRetrainedModelVersionAsync();
        return (await ModelAsync(admin, version)).Model;
    }

    private static async Task<ModelDetailDto> ModelAsync(HttpClient admin, int version) =>
        await (await admin.GetAsync($"/api/v1/models/{version}")).ReadAsync<ModelDetailDto>();
}
