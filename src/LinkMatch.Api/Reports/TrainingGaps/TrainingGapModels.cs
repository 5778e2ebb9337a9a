using System.Globalization;
using System.Text.Json.Serialization;
using Npgsql;

namespace LinkMatch.Api.Reports.TrainingGaps;

/// <summary>Kesenjangan pelatihan: the units of competency open vacancies ask for against the people who hold them,
/// ranked by unmet openings, each with the BLK courses that teach it. See Reports/README.md for the weighing.</summary>
/// <param name="OfficeId">The office in scope, or null.</param>
/// <param name="RegionCode">The region in scope ('64' a province, '64.71' a city), or null; both null: everywhere.</param>
/// <param name="OpensFrom">Only vacancies opening on or after this day (null: no bound).</param>
/// <param name="OpensTo">Only vacancies opening on or before this day (null: no bound).</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="ComputedByJobId">The job that computed them; null when computed on request.</param>
/// <param name="AsOf">The day they were computed on (running cohorts, completion history).</param>
/// <param name="OpenVacancies">Open vacancies in scope with unfilled openings.</param>
/// <param name="UnfilledOpenings">Their openings minus the filled ones.</param>
/// <param name="Gaps">Every unit asked for, ranked.</param>
/// <param name="RefreshPending">A recompute of these figures is queued or running (a change since they were computed
/// moves them); ask again shortly.</param>
public sealed record TrainingGapReport(
    long? OfficeId,
    string? RegionCode,
    DateOnly? OpensFrom,
    DateOnly? OpensTo,
    DateTimeOffset ComputedAt,
    long? ComputedByJobId,
    DateOnly AsOf,
    int OpenVacancies,
    int UnfilledOpenings,
    IReadOnlyList<TrainingGap> Gaps,
    bool RefreshPending = false);

/// <summary>One unit of competency asked for by open vacancies in scope.</summary>
/// <param name="Rank">1 for the largest unmet demand; then the lowest coverage.</param>
/// <param name="CompetencyId">The unit of competency.</param>
/// <param name="Code">Its code (SKKNI or other).</param>
/// <param name="Title">Its title.</param>
/// <param name="RequiredLevel">The lowest minimum level any of the vacancies asks for: holders at or above it count.</param>
/// <param name="Vacancies">Open vacancies asking for the unit.</param>
/// <param name="MandatoryOpenings">Their unfilled openings where the unit is mandatory.</param>
/// <param name="OptionalOpenings">Their unfilled openings where the unit is optional.</param>
/// <param name="Demand">MandatoryOpenings × 1.0 + OptionalOpenings × 0.3.</param>
/// <param name="Holders">Active seekers in scope holding the unit at RequiredLevel or above.</param>
/// <param name="ExpectedGraduates">Learners still enrolled in running cohorts (in scope) of courses teaching the unit,
/// each course's times its completion rate.</param>
/// <param name="Supply">Holders + ExpectedGraduates.</param>
/// <param name="Unmet">max(0, Demand − Supply).</param>
/// <param name="Coverage">Supply ÷ Demand: below 1 the unit is short; among units with nothing unmet, the lowest
/// coverage ranks first.</param>
/// <param name="Courses">Courses teaching the unit, those of BLKs in scope first (at most 10).</param>
public sealed record TrainingGap(
    int Rank,
    long CompetencyId,
    string Code,
    string Title,
    int RequiredLevel,
    int Vacancies,
    int MandatoryOpenings,
    int OptionalOpenings,
    decimal Demand,
    int Holders,
    decimal ExpectedGraduates,
    decimal Supply,
    decimal Unmet,
    decimal Coverage,
    IReadOnlyList<GapCourse> Courses);

/// <summary>A BLK course teaching a gap's unit.</summary>
/// <param name="CourseId">The course.</param>
/// <param name="Code">Its code.</param>
/// <param name="Title">Its title.</param>
/// <param name="TrainingCentreId">Its BLK.</param>
/// <param name="TrainingCentreCode">The BLK's code.</param>
/// <param name="TrainingCentreName">The BLK's name.</param>
/// <param name="OfficeId">The BLK's office.</param>
/// <param name="InScope">Whether the BLK is in the report's scope.</param>
/// <param name="CompletionRate">Completed ÷ (completed + dropped) over the course's ended cohorts; the rate over every
/// course when it has none; 0.8 when no course has any.</param>
/// <param name="SuggestedCohortSize">ceil(Unmet ÷ CompletionRate), clamped to 8–30; null when less than one opening
/// is unmet.</param>
/// <param name="NextCohortStartsOn">The start of the course's next planned cohort, if any.</param>
public sealed record GapCourse(
    long CourseId,
    string Code,
    string Title,
    long TrainingCentreId,
    string TrainingCentreCode,
    string TrainingCentreName,
    long OfficeId,
    bool InScope,
    decimal CompletionRate,
    int? SuggestedCohortSize,
    DateOnly? NextCohortStartsOn);

/// <summary>The scope of a training-gap report: an office or a region (or everything), and the vacancies'
/// opening dates.</summary>
internal sealed record TrainingGapScope(long? OfficeId, string? RegionCode, DateOnly? OpensFrom, DateOnly? OpensTo)
    : IReportScope
{
    [JsonIgnore]
    public string Kind => ReportKinds.TrainingGaps;

    [JsonIgnore]
    public string ScopeKey =>
        (OfficeId is { } office ? $"office:{office}" : RegionCode is { } region ? $"region:{region}" : "all")
        + $";opens={Day(OpensFrom)}..{Day(OpensTo)}";

    [JsonIgnore]
    public int Version => 1;

    public async Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp,
        CancellationToken ct) => await TrainingGapQuery.ComputeAsync(conn, tx, this, stamp, ct);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
