using LinkMatch.Api.Matching.Refresh;
using LinkMatch.Api.Matching.Suggestions;

namespace LinkMatch.Api.Tests.Matching;

/// <summary>Planning a refresh into parts by work region, and joining the parts under the global per-seeker cap,
/// on hand-made cases.</summary>
public class RefreshJoinTests
{
    [Fact]
    public void A_seeker_kept_in_several_parts_keeps_their_five_best_and_the_vacancies_they_leave_take_pairs_their_parts_scored()
    {
        // Seeker 0 was kept by vacancies 0–3 (part A) and 4–6 (part B): seven pairs against a cap of five. Assigned
        // again over everything scored, seeker 0 keeps the five best; vacancies 5 and 6 go to pairs their parts
        // scored but did not keep. Seeker 1, at the cap with better pairs, cannot take vacancy 5, so seeker 2 does.
        List<ScoredPair> staged =
        [
            new(0, 0, 0.9), new(1, 0, 0.8), new(2, 0, 0.7), new(3, 0, 0.6),
            new(4, 0, 0.95), new(5, 0, 0.5), new(6, 0, 0.4),
            new(7, 1, 0.9), new(8, 1, 0.9), new(9, 1, 0.9), new(10, 1, 0.9), new(11, 1, 0.9),
            new(5, 1, 0.45), new(5, 2, 0.3), new(6, 3, 0.2), new(6, 4, 0.1),
        ];
        var joined = Reconcile.Run(staged, _ => 1, seekerCap: 5, vacancies: 12, seekers: 5);

        Assert.Equal([0, 1, 2, 3, 4], joined.Where(p => p.Seeker == 0).Select(p => p.Vacancy).Order());
        Assert.Equal(2, joined.Single(p => p.Vacancy == 5).Seeker);
        Assert.Equal(3, joined.Single(p => p.Vacancy == 6).Seeker);
        Assert.All(joined.GroupBy(p => p.Vacancy), v => Assert.Single(v));
        Assert.All(joined.GroupBy(p => p.Seeker), s => Assert.InRange(s.Count(), 1, 5));
        Assert.Equal(12, joined.Count);
    }

    [Fact]
    public void With_no_seeker_over_the_cap_the_kept_pairs_are_kept()
    {
        List<ScoredPair> staged = [new(0, 0, 0.9), new(1, 1, 0.8), new(0, 2, 0.7), new(1, 2, 0.6)];
        var joined = Reconcile.Run(staged, _ => 1, seekerCap: 5, vacancies: 2, seekers: 3);
        Assert.Equal([(0, 0), (1, 1)], joined.Select(p => (p.Vacancy, p.Seeker)).Order());
    }

    [Fact]
    public void Regions_stay_whole_in_even_parts_unless_one_is_larger_than_a_part()
    {
        var open = new List<(long, string)>();
        var id = 0L;
        foreach (var (region, count) in new[] { ("64.71", 25), ("64.72", 6), ("64.01", 5), ("64.02", 4), ("64.03", 3) })
        {
            for (var i = 0; i < count; i++)
            {
                open.Add((++id, region));
            }
        }

        var parts = RefreshPlan.Split(open, partVacancies: 10);
        Assert.Equal(5, parts.Count);
        Assert.Equal(open.Select(v => v.Item1).Order(), parts.SelectMany(p => p.VacancyIds).Order());
        Assert.All(parts, p => Assert.InRange(p.VacancyIds.Length, 6, 9));
        // Only the city, larger than a part (43 / 5 → 9), is cut; every other region is in one part.
        Assert.Equal(3, parts.Count(p => p.Regions.Contains("64.71")));
        Assert.All(new[] { "64.72", "64.01", "64.02", "64.03" }, r => Assert.Single(parts, p => p.Regions.Contains(r)));
        Assert.Single(RefreshPlan.Split(open.Take(9).ToList(), partVacancies: 10));
        Assert.Empty(RefreshPlan.Split([], partVacancies: 10));
    }
}
