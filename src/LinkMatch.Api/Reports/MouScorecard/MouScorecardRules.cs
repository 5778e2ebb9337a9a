using LinkMatch.Api.Mous;

namespace LinkMatch.Api.Reports.MouScorecard;

/// <summary>The scorecard's rules, in one place: realisation, pace, the expiring and dormant flags, the ranking and
/// the forum view (Reports/README.md, "MoU scorecard").</summary>
internal static class MouScorecardRules
{
    public const string Met = "met";
    public const string OnTrack = "on_track";
    public const string Behind = "behind";
    public const string Missed = "missed";
    public const string NotStarted = "not_started";
    public const string NoTarget = "no_target";

    /// <summary>Behind when realised is under this share of what the elapsed share of the period expects.</summary>
    public const decimal Tolerance = 0.8m;

    public const int ExpiringWithinDays = 90;
    public const int DormantAfterMonths = 6;
    public const int NewWithinMonths = 12;

    public static readonly string[] PartnerKinds =
        [MousApi.EmployerPartner, MousApi.TrainingCentrePartner, MousApi.University, MousApi.Government];

    public static MouScore Score(MouRow mou, IReadOnlyList<CommitmentRow> commitments, IReadOnlyList<EventRow> events,
        DateOnly today)
    {
        var remaining = events.SelectMany(e => Enumerable.Repeat((e.Kind, e.OnDate), e.Events)).ToList();
        var scores = new List<CommitmentScore>();
        // A registry event counts once: under the first commitment of its kind (earliest start, then lowest id)
        // whose period holds its day.
        foreach (var c in commitments.OrderBy(c => c.StartsOn).ThenBy(c => c.Id))
        {
            bool Holds((string Kind, DateOnly OnDate) e) => c.Source == CommitmentsApi.Registry && e.Kind == c.Kind
                && e.OnDate >= c.StartsOn && e.OnDate <= c.EndsOn;
            var counted = remaining.Where(Holds).ToList();
            remaining.RemoveAll(Holds);
            var realised = c.Source == CommitmentsApi.Registry ? counted.Count : c.ActivityQuantity;
            scores.Add(Assess(c, realised, counted.Count > 0 ? counted.Max(e => e.OnDate) : null, today));
        }

        var endsOn = mou.TerminatedOn is { } terminated && terminated.AddDays(-1) < mou.ValidUntil
            ? terminated.AddDays(-1) : mou.ValidUntil;
        var status = mou.TerminatedOn is { } t && t <= today ? MousApi.Terminated
            : mou.ValidUntil < today ? MousApi.Expired : MousApi.Active;
        var active = status == MousApi.Active;
        var lastEvent = events.Count > 0 ? events.Max(e => e.OnDate) : (DateOnly?)null;
        var lastActivity = commitments.Max(c => c.LastActivityOn);
        var last = lastEvent > lastActivity || lastActivity is null ? lastEvent : lastActivity;
        var quiet = today.AddMonths(-DormantAfterMonths);
        var targeted = scores.Where(s => s.Target > 0).ToList();
        var started = targeted.Where(s => s.Expected > 0).ToList();
        return new MouScore(null, mou.Id, mou.Number, mou.OfficeId, mou.OfficeName, mou.PartnerKind, mou.PartyName,
            mou.SignedOn, endsOn, status, active ? endsOn.DayNumber - today.DayNumber : null,
            active && endsOn <= today.AddDays(ExpiringWithinDays),
            active && mou.SignedOn <= quiet && (last is null || last < quiet), last,
            started.Count == 0 ? null : Round(started.Sum(s => Math.Min(s.Realised, s.Expected!.Value)) / started.Sum(s => s.Expected!.Value)),
            targeted.Count == 0 ? null : Round(targeted.Sum(s => (decimal)Math.Min(s.Realised, s.Target!.Value)) / targeted.Sum(s => s.Target!.Value)),
            scores.Sum(s => s.Realised), Count(scores), scores);
    }

    /// <summary>Pace of one commitment on <paramref name="today"/>: met once realised reaches the target; before the
    /// period, not started; after it, missed; within it, on track while realised ≥ target × elapsed share × 0.8,
    /// behind below that. Compared in whole numbers, so a boundary is exact.</summary>
    public static CommitmentScore Assess(CommitmentRow c, int realised, DateOnly? lastRealisedOn, DateOnly today)
    {
        var days = c.EndsOn.DayNumber - c.StartsOn.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - c.StartsOn.DayNumber + 1, 0, days);
        var share = (decimal)elapsed / days;
        decimal? expected = c.Target is { } t ? t * share : null;
        var pace = c.Target switch
        {
            null => NoTarget,
            { } target when realised >= target => Met,
            _ when today < c.StartsOn => NotStarted,
            _ when today > c.EndsOn => Missed,
            { } target when (long)realised * days * 5 >= (long)target * elapsed * 4 => OnTrack,
            _ => Behind,
        };
        return new CommitmentScore(c.Id, c.Kind, c.OwedBy, c.Description, c.Source, c.Target, c.StartsOn, c.EndsOn,
            realised, Round(share), expected is { } e ? Round(e) : null,
            expected is > 0 ? Round(realised / expected.Value) : null, pace, c.LastActivityOn, lastRealisedOn);
    }

    /// <summary>Active MoUs first; then by pace score, achievement (both highest first, none last), realised (most
    /// first) and number.</summary>
    public static IReadOnlyList<MouScore> Ranked(IEnumerable<MouScore> mous) =>
        [.. mous.OrderBy(m => m.Status == MousApi.Active ? 0 : 1)
            .ThenBy(m => m.PaceScore is null ? 1 : 0).ThenByDescending(m => m.PaceScore)
            .ThenBy(m => m.Achievement is null ? 1 : 0).ThenByDescending(m => m.Achievement)
            .ThenByDescending(m => m.Realised).ThenBy(m => m.Number, StringComparer.Ordinal)
            .Select((m, i) => m with { Rank = i + 1 })];

    public static ForumView Forum(IReadOnlyList<MouScore> mous, DateOnly today) => new(
        Figures("all", mous, today),
        [.. PartnerKinds.Select(k => Figures(k, [.. mous.Where(m => m.PartnerKind == k)], today))]);

    private static ForumFigures Figures(string kind, IReadOnlyList<MouScore> mous, DateOnly today)
    {
        var active = mous.Where(m => m.Status == MousApi.Active).ToList();
        var items = active.SelectMany(m => m.Commitments).ToList();
        int Target(string k) => items.Where(c => c.Kind == k).Sum(c => c.Target ?? 0);
        int Realised(string k) => items.Where(c => c.Kind == k).Sum(c => c.Realised);
        return new ForumFigures(kind, active.Count,
            mous.Count(m => m.SignedOn > today.AddMonths(-NewWithinMonths) && m.SignedOn <= today),
            active.Count(m => m.Expiring), active.Count(m => m.Dormant), Count(items),
            Target(CommitmentsApi.Placements), Realised(CommitmentsApi.Placements),
            Target(CommitmentsApi.Apprenticeships), Realised(CommitmentsApi.Apprenticeships),
            Realised(CommitmentsApi.TrainingSeats), Realised(CommitmentsApi.Certifications),
            items.Where(c => c.Source == CommitmentsApi.Activities).Sum(c => c.Realised));
    }

    private static PaceCounts Count(IReadOnlyList<CommitmentScore> items) => new(items.Count,
        items.Count(c => c.Pace == Met), items.Count(c => c.Pace == OnTrack), items.Count(c => c.Pace == Behind),
        items.Count(c => c.Pace == Missed), items.Count(c => c.Pace == NotStarted), items.Count(c => c.Pace == NoTarget));

    private static decimal Round(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);
}
