using LinkMatch.Api.Matching.Candidates;
using LinkMatch.Api.Matching.Features;
using LinkMatch.Api.Matching.Suggestions;
using static LinkMatch.Api.Tests.Matching.Profiles;

namespace LinkMatch.Api.Tests.Matching;

public class CandidateGenerationTests
{
    private static readonly string[] Occupations = ["7212", "7214", "7231", "7411", "8342", "5120", "4224"];
    private static readonly string[] Regions = ["64.71", "64.72", "64.09", "73.71", "35.78"];

    /// <summary>A seeded random population and vacancies over 12 units; the seed is in the test name.</summary>
    private static (List<SeekerProfile> Seekers, List<VacancyProfile> Vacancies) World(int seed)
    {
        var random = new Random(seed);
        var seekers = Enumerable.Range(1, 400).Select(id => Seeker(
            units: [.. Enumerable.Range(1, 12).Where(_ => random.NextDouble() < 0.15).Select(u =>
                new HeldUnit(u, (short)random.Next(1, 4), (Evidence)random.Next(0, 5), random.Next(0, 6)))],
            region: Regions[random.Next(Regions.Length)], relocate: random.NextDouble() < 0.3,
            occupations: random.NextDouble() < 0.7 ? [Occupations[random.Next(Occupations.Length)]] : [],
            regions: [], birthDate: new DateOnly(1970 + random.Next(0, 36), 1 + random.Next(0, 12), 1),
            courses: random.NextDouble() < 0.2 ? [Course(Day.AddDays(-random.Next(10, 900)),
                [random.Next(1, 13)], [Occupations[random.Next(Occupations.Length)]])] : [],
            id: id)).ToList();
        var vacancies = Enumerable.Range(1, 30).Select(_ =>
        {
            var units = Enumerable.Range(1, 12).Where(_ => random.NextDouble() < 0.25).ToList();
            var v = Vacancy([.. units.Select(u => new Requirement(u, random.NextDouble() < 0.6, (short)random.Next(1, 3)))],
                type: random.NextDouble() < 0.2 ? "apprenticeship" : "job",
                occupation: Occupations[random.Next(Occupations.Length)], region: Regions[random.Next(3)],
                ageMin: 18, ageMax: random.NextDouble() < 0.5 ? 35 : null, quotaHeadroom: 5);
            return v;
        }).ToList();
        return (seekers, vacancies);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Candidates_are_exactly_the_eligible_seekers_sharing_a_unit_or_an_occupation_group(int seed)
    {
        var (seekers, vacancies) = World(seed);
        var generator = new CandidateGenerator(CandidateIndex.Build(seekers), MatchingRules.Default);
        foreach (var vacancy in vacancies)
        {
            var set = generator.Generate(vacancy, Day, int.MaxValue);
            var sharing = seekers.Where(s => Eligibility.Shares(vacancy, s)).ToList();
            var expected = sharing
                .Where(s => Eligibility.Check(vacancy, s, Day, MatchingRules.Default) == Ineligibility.None)
                .Select(s => s.Id).Order().ToList();
            Assert.Equal(sharing.Count, set.Sharing);
            Assert.Equal(expected.Count, set.Eligible);
            Assert.Equal(expected, set.Seekers.Select(i => seekers[i].Id).Order().ToList());
        }
    }

    [Fact]
    public void The_pre_score_cut_keeps_the_best_by_pre_score_best_first_and_ties_to_the_lower_id()
    {
        var (seekers, vacancies) = World(4);
        var generator = new CandidateGenerator(CandidateIndex.Build(seekers), MatchingRules.Default);
        foreach (var vacancy in vacancies)
        {
            var all = generator.Generate(vacancy, Day, int.MaxValue).Seekers.Select(i => seekers[i]).ToList();
            var expected = all.OrderByDescending(s => PreScore.Of(vacancy, s)).ThenBy(s => s.Id).Take(5)
                .Select(s => s.Id).ToList();
            var best = generator.Generate(vacancy, Day, 5).Seekers.Select(i => seekers[i].Id).ToList();
            Assert.Equal(expected.Count, best.Count);
            // Pre-scores summed from postings equal those computed from profiles up to float rounding.
            Assert.Equal(expected.Select(id => Math.Round(PreScore.Of(vacancy, seekers[(int)id - 1]), 4)),
                best.Select(id => Math.Round(PreScore.Of(vacancy, seekers[(int)id - 1]), 4)));
        }
    }

    [Fact]
    public void Eligibility_applies_the_age_range_reach_and_the_apprenticeship_rules()
    {
        var rules = MatchingRules.Default;
        Assert.Equal(Ineligibility.OutsideAgeRange,
            Eligibility.Check(Vacancy(ageMin: 18, ageMax: 30), Seeker(birthDate: new DateOnly(1990, 1, 1)), Day, rules));
        Assert.Equal(Ineligibility.None,
            Eligibility.Check(Vacancy(ageMin: 18, ageMax: 30), Seeker(birthDate: new DateOnly(2000, 1, 1)), Day, rules));
        var far = Seeker(region: "73.71", regions: ["73.71"]);
        Assert.Equal(Ineligibility.OutOfReach, Eligibility.Check(Vacancy(), far, Day, rules));
        Assert.Equal(Ineligibility.None,
            Eligibility.Check(Vacancy(), Seeker(region: "73.71", relocate: true, regions: []), Day, rules));
        Assert.Equal(Ineligibility.None,
            Eligibility.Check(Vacancy(), Seeker(region: "73.71", regions: ["64.71"]), Day, rules));

        var apprenticeship = Vacancy(type: "apprenticeship", quotaHeadroom: 3);
        Assert.Equal(Ineligibility.NotRecentGraduate, Eligibility.Check(apprenticeship, Seeker(), Day, rules));
        var graduate = Seeker(courses: [Course(Day.AddMonths(-3))]);
        Assert.Equal(Ineligibility.None, Eligibility.Check(apprenticeship, graduate, Day, rules));
        var again = Seeker(courses: [Course(Day.AddMonths(-3))],
            apprenticeships: [new PastApprenticeship(100, "7212", Day.AddMonths(-2))]);
        Assert.Equal(Ineligibility.SameProgrammeBefore, Eligibility.Check(apprenticeship, again, Day, rules));
        var elsewhere = Seeker(courses: [Course(Day.AddMonths(-3))],
            apprenticeships: [new PastApprenticeship(999, "7212", Day.AddMonths(-2))]);
        Assert.Equal(Ineligibility.None, Eligibility.Check(apprenticeship, elsewhere, Day, rules));
        Assert.Equal(Ineligibility.ApprenticeQuotaReached,
            Eligibility.Check(Vacancy(type: "apprenticeship", quotaHeadroom: 0), graduate, Day, rules));
    }

    [Fact]
    public void Greedy_assignment_respects_both_caps_and_prefers_higher_scores()
    {
        var random = new Random(11);
        var pairs = new List<ScoredPair>();
        for (var v = 0; v < 20; v++)
        {
            for (var s = 0; s < 60; s++)
            {
                if (random.NextDouble() < 0.5)
                {
                    pairs.Add(new ScoredPair(v, s, random.NextDouble()));
                }
            }
        }

        var kept = ExposureCaps.Greedy([.. pairs], v => 3 + (v % 3), 2, new int[20], new int[60]);
        Assert.All(kept.GroupBy(p => p.Vacancy), g => Assert.True(g.Count() <= 3 + (g.Key % 3)));
        Assert.All(kept.GroupBy(p => p.Seeker), g => Assert.True(g.Count() <= 2));
        // Any pair left out had a full side when its turn came: no higher-scoring pair is skipped for nothing.
        var best = pairs.MaxBy(p => p.Score);
        Assert.Contains(best, kept);
    }

    [Fact]
    public void A_recompute_fills_room_displaces_only_a_weaker_suggestion_and_stops_at_its_own_cap()
    {
        var exposure = new Dictionary<long, Exposure>
        {
            [1] = new(5, 901, 0.2, 50, 1),
            [2] = new(5, 902, 0.9, 51, 2),
            [3] = new(1, 903, 0.1, 52, 3),
        };
        var ranked = new[] { ("a", 1L, 0.5), ("b", 2L, 0.5), ("c", 3L, 0.4), ("d", 4L, 0.3) };
        var (taken, displaced) = ExposureCaps.Incremental(ranked, 2, _ => 5, exposure);
        Assert.Equal(["a", "c"], taken);
        Assert.Equal([901L], displaced);
    }
}
