using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports.EqualOpportunity;
using LinkMatch.Api.Reports.Ipk;
using LinkMatch.Api.Reports.MouScorecard;
using LinkMatch.Api.Reports.TrainingGaps;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>The scope of the report to recompute, with the same parameters as its GET: uptake takes one of
/// trainingCentreId, courseId, cohortId; training-gaps officeId or regionCode, opensFrom, opensTo; ipk and
/// equal-opportunity officeId, from, to; mou-scorecard officeId or provinceCode.</summary>
public sealed record ReportRefreshQuery(
    [property: Id] long? TrainingCentreId = null,
    [property: Id] long? CourseId = null,
    [property: Id] long? CohortId = null,
    [property: Id] long? OfficeId = null,
    [property: StringLength(5), RegularExpression(@"^[0-9]{2}(\.[0-9]{2})?$", ErrorMessage = "Use '64' or '64.71'.")] string? RegionCode = null,
    DateOnly? OpensFrom = null,
    DateOnly? OpensTo = null,
    [property: StringLength(7), RegularExpression(IpkApi.MonthPattern, ErrorMessage = "Use a month such as '2026-03'.")] string? From = null,
    [property: StringLength(7), RegularExpression(IpkApi.MonthPattern, ErrorMessage = "Use a month such as '2026-03'.")] string? To = null,
    [property: StringLength(2), RegularExpression("^[0-9]{2}$", ErrorMessage = "Use a province code such as '64'.")] string? ProvinceCode = null);

/// <summary>A recompute was enqueued (or one was already pending for the scope: <see cref="Enqueued"/> false).</summary>
public sealed record ReportRefreshAccepted(long JobId, string Kind, string ScopeKey, bool Enqueued);

/// <summary>How reports are refreshed.</summary>
public sealed class ReportOptions
{
    /// <summary>A refresh runs this long after it is asked for, so that a burst of refreshes of one scope gives one
    /// job (the pending job holds the scope's unique key).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RefreshDelay { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary><c>POST /api/v1/reports/{kind}/refresh</c>: enqueues a recompute of one scope, checked exactly as its GET
/// is (another owner's scope answers 404), and answers 202 with the job (staff follow it at /api/v1/jobs/{id}).</summary>
internal static class ReportRefresh
{
    public static async Task<Results<Accepted<ReportRefreshAccepted>, NotFound, ValidationProblem, ProblemHttpResult>>
        Refresh([OneOf(ReportKinds.Uptake, ReportKinds.TrainingGaps, ReportKinds.Ipk, ReportKinds.EqualOpportunity,
                ReportKinds.MouScorecard)] string kind,
            [AsParameters] ReportRefreshQuery query, Caller caller, NpgsqlDataSource db, IJobQueue jobs,
            TimeProvider time, IOptions<ReportOptions> options, CancellationToken ct)
    {
        IReportScope? scope;
        switch (kind)
        {
            case ReportKinds.Uptake:
                var ids = new (string Level, long? Id)[]
                {
                    (UptakeScope.TrainingCentre, query.TrainingCentreId), (UptakeScope.Course, query.CourseId),
                    (UptakeScope.Cohort, query.CohortId),
                }.Where(x => x.Id is not null).ToList();
                if (Foreign(query, "officeId", "regionCode", "opensFrom", "opensTo", "from", "to", "provinceCode") is { } u)
                {
                    return u;
                }

                if (ids.Count != 1)
                {
                    return Problems.Field("trainingCentreId", "Give exactly one of trainingCentreId, courseId, cohortId.");
                }

                scope = await UptakeApi.ResolveAsync(db, caller, ids[0].Level, ids[0].Id!.Value, ct);
                break;
            case ReportKinds.TrainingGaps:
                if (Foreign(query, "trainingCentreId", "courseId", "cohortId", "from", "to", "provinceCode") is { } g)
                {
                    return g;
                }

                var (gaps, invalidGaps) = await TrainingGapsApi.ResolveAsync(db, caller,
                    new TrainingGapFilter(query.OfficeId, query.RegionCode, query.OpensFrom, query.OpensTo), ct);
                if (invalidGaps is not null)
                {
                    return invalidGaps;
                }

                scope = gaps;
                break;
            case ReportKinds.Ipk or ReportKinds.EqualOpportunity:
                if (caller.IsInstructor)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: "This report is for staff and admins.");
                }

                if (Foreign(query, "trainingCentreId", "courseId", "cohortId", "regionCode", "opensFrom", "opensTo", "provinceCode") is { } i)
                {
                    return i;
                }

                var (ipk, invalidIpk) = await IpkApi.ResolveAsync(db, caller,
                    new IpkFilter(query.OfficeId, query.From, query.To), time, ct);
                if (invalidIpk is not null)
                {
                    return invalidIpk;
                }

                scope = ipk is null || kind == ReportKinds.Ipk ? ipk : new EqualOpportunityScope(ipk.OfficeId, ipk.From, ipk.To);
                break;
            case ReportKinds.MouScorecard:
                if (caller.IsInstructor)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        detail: "This report is for staff and admins.");
                }

                if (Foreign(query, "trainingCentreId", "courseId", "cohortId", "regionCode", "opensFrom", "opensTo", "from", "to") is { } s)
                {
                    return s;
                }

                var (scorecard, invalidScorecard) = await MouScorecardApi.ResolveAsync(db, caller,
                    new MouScorecardFilter(query.OfficeId, query.ProvinceCode), ct);
                if (invalidScorecard is not null)
                {
                    return invalidScorecard;
                }

                scope = scorecard;
                break;
            default:
                return TypedResults.NotFound();
        }

        if (scope is null)
        {
            return TypedResults.NotFound();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var job = await jobs.EnqueueAsync(conn, tx, ComputeReportArgs.Request(scope, options.Value.RefreshDelay), ct);
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("report.refresh", "job", job.Id,
            Details: new { kind, scope.ScopeKey, job.Created }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}",
            new ReportRefreshAccepted(job.Id, kind, scope.ScopeKey, job.Created));
    }

    /// <summary>A parameter another kind of report takes is an error here, named.</summary>
    private static ValidationProblem? Foreign(ReportRefreshQuery query, params string[] fields)
    {
        var given = new Dictionary<string, bool>
        {
            ["trainingCentreId"] = query.TrainingCentreId is not null,
            ["courseId"] = query.CourseId is not null,
            ["cohortId"] = query.CohortId is not null,
            ["officeId"] = query.OfficeId is not null,
            ["regionCode"] = query.RegionCode is not null,
            ["opensFrom"] = query.OpensFrom is not null,
            ["opensTo"] = query.OpensTo is not null,
            ["from"] = query.From is not null,
            ["to"] = query.To is not null,
            ["provinceCode"] = query.ProvinceCode is not null,
        };
        var errors = new FieldErrors();
        foreach (var field in fields.Where(f => given[f]))
        {
            errors.Add(field, "This report does not take this parameter.");
        }

        return errors.Any ? errors.ToProblem() : null;
    }
}
