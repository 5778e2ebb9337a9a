using System.Text.Json;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Reports.Uptake;

/// <summary>A BLK with the totals of its uptake report (serapan lulusan), as stored: the same snapshot its own
/// report serves, so the list and the report agree.</summary>
/// <param name="Id">The training centre.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="OfficeId">The office supervising it.</param>
/// <param name="RegionCode">Where it is.</param>
/// <param name="ComputedAt">When its uptake report was computed.</param>
/// <param name="ComputedByJobId">The job that computed it; null when it was computed on request.</param>
/// <param name="Totals">The figures of the whole training centre.</param>
/// <param name="RefreshPending">A recompute of its uptake report is queued or running.</param>
public sealed record TrainingCentreUptake(long Id, string Code, string Name, long OfficeId, string RegionCode,
    DateTimeOffset ComputedAt, long? ComputedByJobId, UptakeFigures Totals, bool RefreshPending);

/// <summary>The training centres a caller may see (admins all, staff their office's, instructors their own), a page
/// at a time, each with its uptake totals: one list and one read of the stored reports, not a report per row.</summary>
internal static class UptakeList
{
    public const string Summary = "The training centres the caller may see (filtered and paged as " +
        "GET /api/v1/training-centres), each with the totals of its stored uptake report and when it was computed; " +
        "a centre whose report was never asked for is computed on the spot.";

    public static async Task<Results<Ok<PagedList<TrainingCentreUptake>>, ValidationProblem>> List(
        [AsParameters] TrainingCentreFilter filter, [AsParameters] PageQuery page, Caller caller,
        NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        var listed = await TrainingCentresApi.List(filter, page, caller, db, ct);
        if (listed.Result is not Ok<PagedList<TrainingCentre>> { Value: { } centres })
        {
            return (ValidationProblem)listed.Result;
        }

        var scopes = centres.Items.Select(c => new UptakeScope(UptakeScope.TrainingCentre, c.Id)).ToList();
        var stored = await ReportServing.LatestOrComputedAsync(db, scopes, time, ct);
        var items = centres.Items.Select((c, i) =>
        {
            var report = JsonSerializer.Deserialize<UptakeReport>(stored[scopes[i].ScopeKey].Result,
                ReportJson.Options)!;
            return new TrainingCentreUptake(c.Id, c.Code, c.Name, c.OfficeId, c.RegionCode, report.ComputedAt,
                report.ComputedByJobId, report.Totals, stored[scopes[i].ScopeKey].RefreshPending);
        }).ToList();
        return TypedResults.Ok(new PagedList<TrainingCentreUptake>(items, centres.Page, centres.PageSize,
            centres.Total));
    }
}
