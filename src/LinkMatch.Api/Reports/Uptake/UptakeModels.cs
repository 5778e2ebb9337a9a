using System.Text.Json.Serialization;
using Npgsql;

namespace LinkMatch.Api.Reports.Uptake;

/// <summary>Serapan lulusan: what became of the people trained by a BLK, a course (kejuruan) or a cohort
/// (angkatan). Counted per enrolment; see Reports/README.md for every definition.</summary>
/// <param name="Level">training_centre, course or cohort.</param>
/// <param name="Id">The training centre, course or cohort id.</param>
/// <param name="Name">Its name.</param>
/// <param name="TrainingCentreId">The BLK it belongs to.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="ComputedByJobId">The job that computed it; null when it was computed on request.</param>
/// <param name="AsOf">The day the figures were computed for (running cohorts and the like).</param>
/// <param name="Totals">The figures of the whole scope.</param>
/// <param name="ByCourse">Per course (for a training centre).</param>
/// <param name="ByCohort">Per cohort (for a training centre or course).</param>
/// <param name="ByEmployer">Per employer of first placements.</param>
/// <param name="Units">Per unit of competency assessed.</param>
/// <param name="RefreshPending">A recompute of these figures is queued or running (a change since they were computed
/// moves them); ask again shortly.</param>
public sealed record UptakeReport(
    string Level,
    long Id,
    string Name,
    long TrainingCentreId,
    DateTimeOffset ComputedAt,
    long? ComputedByJobId,
    DateOnly AsOf,
    UptakeFigures Totals,
    IReadOnlyList<UptakeCourse> ByCourse,
    IReadOnlyList<UptakeCohort> ByCohort,
    IReadOnlyList<UptakeEmployer> ByEmployer,
    IReadOnlyList<UptakeUnit> Units,
    bool RefreshPending = false);

/// <summary>The outcome figures of a group of enrolments.</summary>
/// <param name="Enrolments">Every enrolment, whatever its status.</param>
/// <param name="InTraining">Enrolments still 'enrolled'.</param>
/// <param name="Dropped">Enrolments dropped.</param>
/// <param name="Graduates">Completed enrolments (lulusan).</param>
/// <param name="JudgedCompetent">Graduates with at least one unit assessed and every assessed unit competent.</param>
/// <param name="Certified">Graduates holding a certificate (sertifikat kompetensi).</param>
/// <param name="Placed">Graduates placed on or after their completion date (their first such placement counts).</param>
/// <param name="PlacedWithin3Months">First placement starting within 3 months of completion.</param>
/// <param name="PlacedWithin6Months">First placement starting within 6 months of completion.</param>
/// <param name="PlacedWithin12Months">First placement starting within 12 months of completion.</param>
/// <param name="PlacedAtMouPartner">First placement at an employer with an MoU (any office) active on the start date.</param>
/// <param name="Apprenticeships">First placement is an apprenticeship (pemagangan).</param>
/// <param name="MedianDaysToPlacement">Median days from completion to the first placement's start.</param>
/// <param name="Wages">Wages of first placements into jobs.</param>
/// <param name="Stipends">Stipends (uang saku) of first placements into apprenticeships.</param>
public sealed record UptakeFigures(
    int Enrolments,
    int InTraining,
    int Dropped,
    int Graduates,
    int JudgedCompetent,
    int Certified,
    int Placed,
    int PlacedWithin3Months,
    int PlacedWithin6Months,
    int PlacedWithin12Months,
    int PlacedAtMouPartner,
    int Apprenticeships,
    decimal? MedianDaysToPlacement,
    WageFigures Wages,
    WageFigures Stipends)
{
    public static readonly UptakeFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
        WageFigures.None, WageFigures.None);
}

/// <summary>Monthly amounts in rupiah over the placements that recorded one.</summary>
public sealed record WageFigures(int Count, decimal? Median, long? Min, long? Max)
{
    public static readonly WageFigures None = new(0, null, null, null);
}

public sealed record UptakeCourse(long CourseId, string Code, string Title, UptakeFigures Figures);

public sealed record UptakeCohort(long CohortId, long CourseId, string Name, DateOnly StartsOn, DateOnly EndsOn,
    UptakeFigures Figures);

/// <summary>Where graduates were first placed: per employer, how many, how many as apprentices, how many while the
/// employer was an MoU partner, and the median wage (jobs) and stipend (apprenticeships).</summary>
public sealed record UptakeEmployer(long EmployerId, string Name, int Placed, int Apprenticeships,
    int AtMouPartner, decimal? MedianWage, decimal? MedianStipend);

/// <summary>Per unit of competency, graduates assessed in it and judged competent (kompeten).</summary>
public sealed record UptakeUnit(long CompetencyId, string Code, string Title, int Assessed, int Competent,
    decimal CompetentRate);

/// <summary>The scope of an uptake report: one training centre, course or cohort.</summary>
internal sealed record UptakeScope(string Level, long Id) : IReportScope
{
    public const string TrainingCentre = "training_centre";
    public const string Course = "course";
    public const string Cohort = "cohort";

    [JsonIgnore]
    public string Kind => ReportKinds.Uptake;

    [JsonIgnore]
    public string ScopeKey => $"{Level}:{Id}";

    /// <summary>2: placedWithin12Months added.</summary>
    [JsonIgnore]
    public int Version => 2;

    public async Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp,
        CancellationToken ct) => await UptakeQuery.ComputeAsync(conn, tx, this, stamp, ct);
}
