using LinkMatch.Api.Reports.EqualOpportunity;

namespace LinkMatch.Api.Reports.DisabilityQuota;

/// <summary>The quota arithmetic of UU 8/2016 art. 53, on counts: pure, so it is tested against hand-computed
/// values.</summary>
internal static class QuotaAssessment
{
    public const string Meets = "meets";
    public const string Below = "below";
    public const string WorkforceUnknown = "workforce_unknown";
    public const string Withheld = "withheld";

    /// <summary>Government bodies, BUMN and BUMD: 2 %; private companies: 1 %.</summary>
    public static int QuotaPercent(string ownership) => ownership == "private" ? 1 : 2;

    /// <summary>ceil(workforce × percent ÷ 100), in integers (0.01 × 300 is not exactly 3 in floating point).</summary>
    public static int RequiredWorkers(int workforce, int percent) => (int)((((long)workforce * percent) + 99) / 100);

    public static EmployerQuota Assess(QuotaCounts c)
    {
        var percent = QuotaPercent(c.Ownership);
        int? required = c.Workforce is { } w ? RequiredWorkers(w, percent) : null;
        var suppressed = FunnelAssessment.Hidden(c.Placed);
        var status = required switch
        {
            null => WorkforceUnknown,
            // A hidden count is 1–4: a quota of 2–4 would split that range, so the status would narrow it down.
            >= 2 and < FunnelAssessment.SuppressBelow when suppressed => Withheld,
            { } r => c.Placed >= r ? Meets : Below,
        };
        return new EmployerQuota(c.EmployerId, c.Name, c.Ownership, c.Workforce, c.WorkforceAsOf, percent, required,
            suppressed ? null : c.Placed, suppressed, status);
    }

    public static QuotaSummary Summarise(IReadOnlyCollection<EmployerQuota> quotas) => new(quotas.Count,
        quotas.Count(q => q.Status == Meets), quotas.Count(q => q.Status == Below),
        quotas.Count(q => q.Status == WorkforceUnknown), quotas.Count(q => q.Status == Withheld));
}

/// <summary>What the database tells about one employer.</summary>
internal sealed record QuotaCounts(long EmployerId, string Name, string Ownership, int? Workforce,
    DateOnly? WorkforceAsOf, int Placed);
