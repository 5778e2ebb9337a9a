using System.Text.Json.Serialization;
using Npgsql;

namespace LinkMatch.Api.Reports.Ipk;

/// <summary>Informasi pasar kerja: per office and month, job seekers registered, vacancies and openings registered,
/// and placements, with breakdowns by KBJI major group, KBLI section, education, sex and region. See
/// Reports/README.md for what each figure counts.</summary>
/// <param name="OfficeId">The office, or null for every office.</param>
/// <param name="From">The first month, 'YYYY-MM'.</param>
/// <param name="To">The last month, 'YYYY-MM'.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="ComputedByJobId">The job that computed them; null when computed on request.</param>
/// <param name="AsOf">The day they were computed on.</param>
/// <param name="Months">The totals of every month in the range (zeros included).</param>
/// <param name="Breakdown">Every non-zero count: per month, measure, dimension and key. The totals appear here too,
/// as dimension 'total', key 'all'.</param>
/// <param name="RefreshPending">A recompute of these figures is queued or running (a change since they were computed
/// moves them); ask again shortly.</param>
public sealed record IpkReport(
    long? OfficeId,
    string From,
    string To,
    DateTimeOffset ComputedAt,
    long? ComputedByJobId,
    DateOnly AsOf,
    IReadOnlyList<IpkMonth> Months,
    IReadOnlyList<IpkRow> Breakdown,
    bool RefreshPending = false);

public sealed record IpkMonth(string Month, int SeekersRegistered, int VacanciesRegistered, int OpeningsRegistered,
    int Placements);

/// <summary>One count.</summary>
/// <param name="Month">The month, 'YYYY-MM'.</param>
/// <param name="Measure">seekers_registered, vacancies_registered or placements.</param>
/// <param name="Dimension">total, occupation_major_group, industry_section (vacancies and placements), education,
/// sex or region.</param>
/// <param name="Key">The value: a KBJI major group digit, a KBLI section letter, an education level, a sex ('any' for
/// vacancies open to both; 'unknown' where erasure removed it), a region code; 'unknown' when there is none.</param>
/// <param name="Label">The name of the occupation group, industry section or region, when there is one.</param>
/// <param name="Count">Seekers, vacancies or placements.</param>
/// <param name="Openings">For vacancies: their openings; null for the other measures.</param>
public sealed record IpkRow(string Month, string Measure, string Dimension, string Key, string? Label, int Count,
    int? Openings);

/// <summary>The scope of an IPK report: one office (or all) and a range of months.</summary>
internal sealed record IpkScope(long? OfficeId, string From, string To) : IReportScope
{
    [JsonIgnore]
    public string Kind => ReportKinds.Ipk;

    [JsonIgnore]
    public string ScopeKey => $"{(OfficeId is { } office ? $"office:{office}" : "all")};months={From}..{To}";

    [JsonIgnore]
    public int Version => 1;

    public async Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp,
        CancellationToken ct) => await IpkQuery.ComputeAsync(conn, tx, this, stamp, ct);
}
