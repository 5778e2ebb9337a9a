using System.Text.Json.Serialization;
using Npgsql;

namespace LinkMatch.Api.Reports.EqualOpportunity;

/// <summary>Pemantauan kesempatan yang setara: for an office (or all) and a range of months, the matching funnel —
/// matchable job seekers, suggested at least once, referred (approved by staff), hired (a placement that started) — by sex,
/// age band, disability, residence and education, each group's rate at each step with a 95 % interval, its ratio to
/// the best group's rate and the four-fifths judgement; and the same funnel per model version. Only aggregates; a
/// count of 1–4 people is suppressed. Method: Reports/README.md ("Equal opportunity").</summary>
/// <param name="OfficeId">The office, or null for every office.</param>
/// <param name="From">The first month, 'YYYY-MM'.</param>
/// <param name="To">The last month, 'YYYY-MM'.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="ComputedByJobId">The job that computed them; null when computed on request.</param>
/// <param name="AsOf">The day they were computed on.</param>
/// <param name="Groups">Every dimension's groups, over every model version.</param>
/// <param name="ByModel">The same groups per model version that made the suggestions: suggested by it, referred on
/// its suggestion, hired through such a referral; the population is the group's whole matchable population.</param>
/// <param name="RefreshPending">A recompute of these figures is queued or running (a change since they were computed
/// moves them); ask again shortly.</param>
public sealed record EqualOpportunityReport(
    long? OfficeId,
    string From,
    string To,
    DateTimeOffset ComputedAt,
    long? ComputedByJobId,
    DateOnly AsOf,
    IReadOnlyList<FunnelGroup> Groups,
    IReadOnlyList<FunnelGroup> ByModel,
    bool RefreshPending = false);

/// <summary>One group of one dimension.</summary>
/// <param name="Dimension">sex, age_band, disability, residence or education.</param>
/// <param name="Group">male, female; 15-24 … 55+; recorded, none_recorded; local (the office's region), elsewhere;
/// smp_or_less, sma, smk, diploma, university.</param>
/// <param name="ModelVersion">The model version (in <see cref="EqualOpportunityReport.ByModel"/>), else null.</param>
/// <param name="People">Matchable job seekers in the group; null when suppressed (1–4).</param>
/// <param name="Steps">suggested, referred, hired, in that order.</param>
public sealed record FunnelGroup(string Dimension, string Group, int? ModelVersion, int? People,
    IReadOnlyList<FunnelStep> Steps);

/// <summary>One step of a group's funnel.</summary>
/// <param name="Step">suggested, referred or hired.</param>
/// <param name="Count">People who reached the step; null when suppressed (1–4, or the group is).</param>
/// <param name="Rate">Count ÷ people (of the matchable population, not of the step before).</param>
/// <param name="Low">The rate's 95 % Wilson interval, lower end.</param>
/// <param name="High">Its upper end.</param>
/// <param name="RatioToBest">Rate ÷ the highest rate among the dimension's groups of at least 30 people.</param>
/// <param name="Judgement">best, fair (ratio at least 0.8), below_four_fifths (flagged), too_few_to_judge (this
/// group or every group under 30 people), suppressed.</param>
public sealed record FunnelStep(string Step, int? Count, double? Rate, double? Low, double? High, double? RatioToBest,
    string Judgement);

/// <summary>The scope of an equal-opportunity report: one office (or all) and a range of months.</summary>
internal sealed record EqualOpportunityScope(long? OfficeId, string From, string To) : IReportScope
{
    [JsonIgnore]
    public string Kind => ReportKinds.EqualOpportunity;

    [JsonIgnore]
    public string ScopeKey => $"{(OfficeId is { } office ? $"office:{office}" : "all")};months={From}..{To}";

    [JsonIgnore]
    public int Version => 1;

    public async Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp,
        CancellationToken ct) => await EqualOpportunityQuery.ComputeAsync(conn, tx, this, stamp, ct);
}
