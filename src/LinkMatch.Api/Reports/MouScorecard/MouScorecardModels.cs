using System.Text.Json.Serialization;
using Npgsql;

namespace LinkMatch.Api.Reports.MouScorecard;

/// <summary>The MoU scorecard of an office, a province (every office in it) or all offices: every MoU ranked, and the
/// forum view. Reports/README.md, "MoU scorecard", defines every figure.</summary>
/// <param name="OfficeId">The office, when the scope is one office.</param>
/// <param name="ProvinceCode">The province, when the scope is a province.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="ComputedByJobId">The job that computed them; null when computed on request.</param>
/// <param name="AsOf">The day they were computed on ("today" in every rule).</param>
/// <param name="Mous">Every MoU of the scope, best first (see <see cref="MouScore.Rank"/>).</param>
/// <param name="Forum">The figures an FKLPID forum asks for, in total and per partner kind.</param>
/// <param name="RefreshPending">A recompute of these figures is queued or running (a change since they were computed
/// moves them); ask again shortly. Always false on a single MoU's scorecard, which is computed on request.</param>
public sealed record MouScorecardReport(long? OfficeId, string? ProvinceCode, DateTimeOffset ComputedAt,
    long? ComputedByJobId, DateOnly AsOf, IReadOnlyList<MouScore> Mous, ForumView Forum, bool RefreshPending = false);

/// <summary>One MoU's scorecard.</summary>
/// <param name="Rank">1 for the best MoU of the report; null on a single MoU's scorecard.</param>
/// <param name="MouId">The MoU.</param>
/// <param name="Number">Its number.</param>
/// <param name="OfficeId">Its office.</param>
/// <param name="OfficeName">The office's name.</param>
/// <param name="PartnerKind">employer, training_centre, university or government.</param>
/// <param name="PartyName">The counterparty's name.</param>
/// <param name="SignedOn">The day it was signed.</param>
/// <param name="EndsOn">The last day the MoU is in force: its valid-until date, or the day before a termination.</param>
/// <param name="Status">active, expired or terminated, on <c>asOf</c>.</param>
/// <param name="DaysToExpiry">Days from today to <paramref name="EndsOn"/> while active; null otherwise.</param>
/// <param name="Expiring">Active and ending within 90 days.</param>
/// <param name="Dormant">Active, signed at least 6 months ago, and nothing realised and no activity in the last 6
/// months.</param>
/// <param name="LastActivityOn">The latest day anything happened under the MoU: a registry event counted under it
/// or an activity recorded on one of its commitments.</param>
/// <param name="PaceScore">Σ min(realised, expected) ÷ Σ expected over its started commitments with a target above
/// 0 (1 = everything on pace); null without such a commitment.</param>
/// <param name="Achievement">Σ min(realised, target) ÷ Σ target over its commitments with a target above 0.</param>
/// <param name="Realised">The sum of its commitments' realised figures.</param>
/// <param name="Counts">Its commitments by pace.</param>
/// <param name="Commitments">Its commitments, by start, then id.</param>
public sealed record MouScore(int? Rank, long MouId, string Number, long OfficeId, string OfficeName,
    string PartnerKind, string PartyName, DateOnly SignedOn, DateOnly EndsOn, string Status, int? DaysToExpiry,
    bool Expiring, bool Dormant, DateOnly? LastActivityOn, decimal? PaceScore, decimal? Achievement,
    int Realised, PaceCounts Counts, IReadOnlyList<CommitmentScore> Commitments);

/// <summary>How many commitments stand at each pace.</summary>
public sealed record PaceCounts(int Commitments, int Met, int OnTrack, int Behind, int Missed, int NotStarted,
    int NoTarget);

/// <summary>One commitment's standing.</summary>
/// <param name="CommitmentId">The commitment.</param>
/// <param name="Kind">placements, apprenticeships, training_seats, certifications, instructors, facility_use,
/// field_study or other.</param>
/// <param name="OwedBy">office or partner.</param>
/// <param name="Description">What was committed, in words.</param>
/// <param name="Source">registry (counted from placements, enrolments or certificates) or activities (the sum of
/// recorded quantities).</param>
/// <param name="Target">The target; null when it has none.</param>
/// <param name="StartsOn">The first day of its period.</param>
/// <param name="EndsOn">The last day of its period.</param>
/// <param name="Realised">Realised to date, inside the commitment's period.</param>
/// <param name="ElapsedShare">Days of the period elapsed (today included) ÷ days of the period, 0 to 1.</param>
/// <param name="Expected">target × elapsedShare; null without a target.</param>
/// <param name="PaceRatio">realised ÷ expected; null without a target or before the period starts.</param>
/// <param name="Pace">met, on_track, behind, missed, not_started or no_target.</param>
/// <param name="LastActivityOn">The latest activity recorded under it.</param>
/// <param name="LastRealisedOn">The latest registry event counted under it.</param>
public sealed record CommitmentScore(long CommitmentId, string Kind, string OwedBy, string Description,
    string Source, int? Target, DateOnly StartsOn, DateOnly EndsOn, int Realised, decimal ElapsedShare,
    decimal? Expected, decimal? PaceRatio, string Pace, DateOnly? LastActivityOn, DateOnly? LastRealisedOn);

/// <summary>The forum view: <see cref="Total"/> and one row per partner kind (employer, training_centre,
/// university, government), zeros included.</summary>
public sealed record ForumView(ForumFigures Total, IReadOnlyList<ForumFigures> ByPartnerKind);

/// <summary>MoUs active, new (signed in the last 12 months), expiring and dormant; the commitments of active MoUs
/// by pace; and what those commitments target and realised, by kind.</summary>
public sealed record ForumFigures(string PartnerKind, int ActiveMous, int NewMous, int ExpiringMous,
    int DormantMous, PaceCounts Counts, int PlacementsTarget, int PlacementsRealised, int ApprenticeshipsTarget,
    int ApprenticeshipsRealised, int TrainingSeatsRealised, int CertificationsRealised, int ActivitiesRealised);

/// <summary>The scope of a stored MoU scorecard: one office, one province (every office whose region lies in it),
/// or every office.</summary>
internal sealed record MouScorecardScope(long? OfficeId, string? ProvinceCode) : IReportScope
{
    [JsonIgnore]
    public string Kind => ReportKinds.MouScorecard;

    [JsonIgnore]
    public string ScopeKey => OfficeId is { } office ? $"office:{office}"
        : ProvinceCode is { } province ? $"province:{province}" : "all";

    [JsonIgnore]
    public int Version => 1;

    public async Task<object> ComputeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReportStamp stamp,
        CancellationToken ct) => await MouScorecardQuery.ComputeAsync(conn, tx, this, stamp, ct);
}
