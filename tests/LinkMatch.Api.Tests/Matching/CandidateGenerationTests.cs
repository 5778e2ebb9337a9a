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

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void A_cut_that_stops_early_and_reuses_walks_keeps_exactly_the_best_of_the_whole_list(int seed)
    {
        var (few, vacancies) = World(seed);
        var random = new Random(seed);
        // Ten times the seekers, so that a cut of 15 fills early and the search stops before the lower buckets.
        var seekers = Enumerable.Range(0, 10).SelectMany(copy => few.Select(s => Seeker(
            units: [.. s.Units.Select(u => u with { Level = (short)random.Next(1, 4) })], region: s.RegionCode,
            relocate: s.WillingToRelocate, occupations: s.PreferredOccupations, regions: s.PreferredRegions,
            birthDate: s.BirthDate, courses: s.Courses, id: (copy * 1000) + s.Id))).ToList();
        // Vacancies asking for the same units in other places and age ranges share one walk.
        var twins = vacancies.Take(10).Select(v => Vacancy(v.Requirements, type: v.Type, occupation: v.OccupationCode,
            region: Regions[random.Next(Regions.Length)], ageMin: 20, ageMax: 30, quotaHeadroom: 5)).ToList();
        List<VacancyProfile> all = [.. vacancies, .. twins];
        var index = CandidateIndex.Build(seekers);
        var whole = new CandidateGenerator(index, MatchingRules.Default);
        var cut = new CandidateGenerator(index, MatchingRules.Default);
        var stoppedEarly = 0;
        foreach (var v in CandidateGenerator.WalkOrder(all))
        {
            var everyone = whole.Generate(all[v], Day, int.MaxValue);
            var best = cut.Generate(all[v], Day, 15);
            Assert.Equal(everyone.Seekers.Take(15), best.Seekers);
            Assert.Equal(everyone.Sharing, best.Sharing);
            stoppedEarly += best.Eligible < everyone.Eligible ? 1 : 0;
            _ = whole.Generate(all[(v + 1) % all.Count], Day, 1); // the next call walks again
        }

        Assert.True(stoppedEarly > all.Count / 2, $"the search stopped early for {stoppedEarly} of {all.Count}");
    }

    [Fact]
    public void Walk_order_puts_vacancies_asking_for_the_same_units_and_group_side_by_side()
    {
        var a = Vacancy([new Requirement(1, true, 2)], occupation: "7212", region: "64.71");
        var b = Vacancy([new Requirement(1, true, 2)], occupation: "7213", region: "73.71");
        var c = Vacancy([new Requirement(1, false, 2)], occupation: "7212");
        var d = Vacancy([new Requirement(1, true, 2)], occupation: "7411");
        // a and b differ in place and occupation but not in units or minor group (721): one walk.
        Assert.Equal([0, 2, 1, 3], CandidateGenerator.WalkOrder([a, c, b, d]));
    }

    [Fact]
    public void Packed_occupations_are_exactly_as_close_as_the_codes()
    {
        string[] codes = ["7", "72", "721", "7212", "7212.01", "7212.02", "7213", "7221", "8212", "0110", "01"];
        foreach (var a in codes)
        {
            foreach (var b in codes)
            {
                Assert.Equal(Kbji.Closeness(a, b),
                    PackedOccupation.Closeness(PackedOccupation.Of(a), PackedOccupation.Of(b)));
            }
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Match_keys_give_exactly_the_profiles_reach_age_range_and_pre_score_terms(int seed)
    {
        var (seekers, vacancies) = World(seed);
        // Seekers who prefer other regions, one of which no vacancy is in, and one with no birth date.
        seekers.AddRange(seekers.Take(40).Select(s => new SeekerProfile
        {
            Id = s.Id + 1000,
            RegionCode = "35.78",
            EducationLevel = "smk",
            PreferredRegions = ["64.72", "99.99"],
            PreferredOccupations = s.PreferredOccupations,
            Courses = s.Courses,
            BirthDate = s.Id % 2 == 0 ? null : s.BirthDate,
        }));
        var keys = MatchKeys.Build(seekers);
        // A region no seeker lives in or prefers, and the age limits on either side.
        vacancies.Add(Vacancy(region: "91.01", ageMin: 25));
        vacancies.Add(Vacancy(region: "64.72", ageMax: 40, occupation: "7212.01"));
        var checkedPairs = 0;
        foreach (var vacancy in vacancies)
        {
            var key = keys.Of(vacancy, Day);
            for (var i = 0; i < seekers.Count; i++)
            {
                Assert.Equal(Eligibility.InReach(vacancy, seekers[i]), MatchKeys.InReach(key, keys.Seekers[i]));
                Assert.Equal(Eligibility.InAgeRange(vacancy, seekers[i], Day),
                    MatchKeys.InAgeRange(key, keys.Seekers[i]));
                Assert.Equal(PreScore.Rest(vacancy, seekers[i]), MatchKeys.Rest(key, keys.Seekers[i]));
                checkedPairs++;
            }
        }

        Assert.Equal(seekers.Count * vacancies.Count, checkedPairs);
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
