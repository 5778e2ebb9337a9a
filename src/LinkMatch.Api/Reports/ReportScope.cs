using System.Text.Json;
using LinkMatch.Api.Http;
using LinkMatch.Api.Reports.EqualOpportunity;
using LinkMatch.Api.Reports.Ipk;
using LinkMatch.Api.Reports.MouScorecard;
using LinkMatch.Api.Reports.TrainingGaps;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Jobs;
using Npgsql;

namespace LinkMatch.Api.Reports;

/// <summary>The report kinds, as they appear in routes, snapshots and job arguments.</summary>
public static class ReportKinds
{
    public const string Uptake = "uptake";
    public const string TrainingGaps = "training-gaps";
    public const string Ipk = "ipk";
    public const string EqualOpportunity = "equal-opportunity";
    public const string MouScorecard = "mou-scorecard";

    /// <summary>The parameters stored with a snapshot (or carried by a job), read back as the kind's scope.</summary>
    internal static IReportScope Parse(string kind, JsonElement parameters)
    {
        try
        {
            IReportScope? scope = kind switch
            {
                Uptake => parameters.Deserialize<UptakeScope>(ReportJson.Options),
                TrainingGaps => parameters.Deserialize<TrainingGapScope>(ReportJson.Options),
                Ipk => parameters.Deserialize<IpkScope>(ReportJson.Options),
                EqualOpportunity => parameters.Deserialize<EqualOpportunityScope>(ReportJson.Options),
                MouScorecard => parameters.Deserialize<MouScorecardScope>(ReportJson.Options),
                _ => throw new PermanentJobFailureException($"Unknown report kind '{kind}'."),
            };
            return scope ?? throw new PermanentJobFailureException($"A {kind} report has no parameters.");
        }
        catch (JsonException e)
        {
            throw new PermanentJobFailureException($"The parameters do not fit a {kind} report.", e);
        }
    }
}

/// <summary>When and by what a report was computed; every query of a report uses the same <see cref="Today"/>.</summary>
internal sealed record ReportStamp(DateTimeOffset ComputedAt, DateOnly Today, long? JobId)
{
    public static ReportStamp Now(TimeProvider time, long? jobId)
    {
        // PostgreSQL keeps microseconds: the body and the stored column then agree to the tick.
        var now = time.GetUtcNow();
        return new ReportStamp(now.AddTicks(-(now.Ticks % 10)), Http.Wita.Today(time),
            jobId);
    }
}

/// <summary>One report of one kind for one scope: a training centre, an office and period, and so on. The record
/// is stored as the snapshot's parameters and carried as the recompute job's arguments; <see cref="ScopeKey"/>
/// names its snapshot and the job's unique key.</summary>
internal interface IReportScope
{
    string Kind { get; }

    string ScopeKey { get; }

    /// <summary>The shape of the stored result; raise it when the result record changes.</summary>
    int Version { get; }

    /// <summary>Runs the report's aggregations (inside one repeatable-read transaction) and returns its result.</summary>
    Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp, CancellationToken ct);
}

/// <summary>How results are stored and read back: the API's JSON settings, so a stored result reads exactly as
/// it is served.</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiDefaults.Configure(options);
        return options;
    }
}
