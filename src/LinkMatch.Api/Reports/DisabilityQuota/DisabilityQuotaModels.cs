namespace LinkMatch.Api.Reports.DisabilityQuota;

/// <summary>Kuota penyandang disabilitas (UU 8/2016 art. 53) of the employers with an MoU of an office (or of every
/// office) active on a day: each one's stated workforce, the quota it implies and the workers with a recorded
/// disability placed there through LinkMatch. Only counts; a count of 1–4 people is suppressed. Computed on request.
/// Method: Reports/README.md ("Disability quota").</summary>
/// <param name="OfficeId">The office, or null for every office.</param>
/// <param name="AsOf">The day: MoUs active on it, placements started by it.</param>
/// <param name="ComputedAt">When the figures were computed.</param>
/// <param name="Summary">How many employers are in each status.</param>
/// <param name="Employers">One line per employer, by name.</param>
public sealed record DisabilityQuotaReport(long? OfficeId, DateOnly AsOf, DateTimeOffset ComputedAt,
    QuotaSummary Summary, IReadOnlyList<EmployerQuota> Employers);

/// <summary>One employer's quota view, as of a day.</summary>
public sealed record EmployerQuotaView(DateOnly AsOf, DateTimeOffset ComputedAt, EmployerQuota Quota);

/// <summary>Employers per status.</summary>
public sealed record QuotaSummary(int Employers, int Meets, int Below, int WorkforceUnknown, int Withheld);

/// <summary>One employer against the quota.</summary>
/// <param name="EmployerId">The employer.</param>
/// <param name="EmployerName">Its registered name.</param>
/// <param name="Ownership">private, government, bumn or bumd.</param>
/// <param name="Workforce">The workforce the employer stated; null when unknown.</param>
/// <param name="WorkforceAsOf">The day it was stated.</param>
/// <param name="QuotaPercent">1 for a private employer, 2 for a government body, BUMN or BUMD.</param>
/// <param name="RequiredWorkers">ceil(workforce × quota ÷ 100); null when the workforce is unknown.</param>
/// <param name="PlacedWithDisability">Workers with a recorded disability whose job placement through LinkMatch
/// (started by the day, not followed by a placement elsewhere) is with this employer; null when 1–4.</param>
/// <param name="Suppressed">True when <paramref name="PlacedWithDisability"/> is withheld as 1–4 people.</param>
/// <param name="Status">meets, below (LinkMatch's placements alone reach the quota, or not), workforce_unknown, or
/// withheld (a suppressed count that the status would narrow down).</param>
public sealed record EmployerQuota(long EmployerId, string EmployerName, string Ownership, int? Workforce,
    DateOnly? WorkforceAsOf, int QuotaPercent, int? RequiredWorkers, int? PlacedWithDisability, bool Suppressed,
    string Status);
