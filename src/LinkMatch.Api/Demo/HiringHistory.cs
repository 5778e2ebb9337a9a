namespace LinkMatch.Api.Demo;

/// <summary>Who was hired where, before LinkMatch. Each closed vacancy is considered in the order it opened, with
/// what each person held on that day (nothing learnt later counts); the
/// people who could apply are the active job seekers registered before it closed, not yet placed, within its age
/// range and, for apprenticeships, recent graduates who have not been apprentices before. Employers hire the best
/// fits by a hidden score with noise (Gumbel, so hires are sampled in proportion to exp(score)):
/// <code>
/// fit = 3.0·mandatory + 0.8·optional + 1.2·occupation + 1.0·region + 0.6·education + 0.4·experience
///     + 0.7·wage + 0.5·BLK partnership + 0.3·recent training + 0.5·aptitude
/// </code>
/// mandatory/optional: the share of required units held at the minimum level, each weighted by its evidence
/// (certified 1.0, assessed 0.85, trained 0.65, experience 0.6, self-declared 0.3); occupation: 1 when the vacancy's
/// KBJI code is preferred, 0.6 for the same minor group, 0.25 for the same major group; region: 1 same regency or
/// city, 0.6 same province when willing to relocate (0.4 when not), 0.3 from outside when willing; education: meets
/// the minimum; experience: years against the minimum; wage: expectation within the offer; BLK partnership: trained
/// at a BLK whose office has an active training MoU with the employer; recent training: a course finished within a
/// year; aptitude: an unobserved trait (it also drives assessment results). Nobody below a fit of 3.2 is hired, so
/// some vacancies close unfilled. The ranking model sees every ingredient except aptitude and the noise.
/// In a few trades (<see cref="Trade.MaleHiringBias"/>: cooking, IT support, warehouse) employers also preferred men:
/// the bias is added to a man's score, not to his fit, so equally fit women were hired less often. It is a property
/// of this generated history, which equal-opportunity monitoring should find; sex is never a feature of the model.
/// Employers report a filled vacancy by their habit (<see cref="ReportingHabits"/>).</summary>
public static class HiringHistory
{
    public const double HireThreshold = 3.2;

    internal static void Simulate(DemoWorld world, Dice dice)
    {
        var completedAt = world.Enrolments.Where(e => e.CompletedOn is not null)
            .ToLookup(e => e.SeekerId, e => (world.Cohorts[e.CohortId - 1], e.CompletedOn!.Value));
        var apprenticed = new HashSet<int>();
        foreach (var vacancy in world.Vacancies.OrderBy(v => v.OpensOn))
        {
            var closed = vacancy.ClosesOn < world.Anchor;
            if (!closed)
            {
                continue;
            }

            var employer = world.Employers[vacancy.EmployerId - 1];
            var candidates = new List<(DemoSeeker Seeker, double Fit, double Score)>();
            foreach (var seeker in world.Seekers)
            {
                if (seeker.PlacedOn is not null || seeker.RegisteredOn > vacancy.ClosesOn.AddDays(-7)
                    || !InAgeRange(seeker, vacancy))
                {
                    continue;
                }

                var units = seeker.UnitsOn(vacancy.OpensOn);
                if (!Related(seeker, units, vacancy))
                {
                    continue;
                }

                var lastCourse = completedAt[seeker.Id].Where(c => c.Item2 <= vacancy.OpensOn)
                    .OrderByDescending(c => c.Item2).Select(c => (DateOnly?)c.Item2).FirstOrDefault();
                if (vacancy.Type == "apprenticeship"
                    && (apprenticed.Contains(seeker.Id) || lastCourse is null || lastCourse < vacancy.OpensOn.AddMonths(-18)))
                {
                    continue;
                }

                var partnership = completedAt[seeker.Id].Any(c => Partnered(world, c.Item1, employer.Id, vacancy.OpensOn));
                var recent = lastCourse is { } d && d >= vacancy.OpensOn.AddMonths(-12);
                var fit = Fit(seeker, units, vacancy, partnership, recent);
                var bias = seeker.Sex == "male" ? vacancy.Trade.MaleHiringBias : 0;
                candidates.Add((seeker, fit, fit + bias + 0.6 * dice.Gumbel()));
            }

            var wanted = Enumerable.Range(0, vacancy.Openings).Count(_ => dice.Chance(0.85));
            var hires = candidates.Where(c => c.Score >= HireThreshold).OrderByDescending(c => c.Score).Take(wanted).ToList();
            var hired = hires.Select(h => h.Seeker.Id).ToHashSet();
            world.Considered.AddRange(candidates.Select(c => new DemoConsidered(vacancy.Id, c.Seeker.Id, c.Fit,
                hired.Contains(c.Seeker.Id))));
            var lastStart = vacancy.ClosesOn;
            foreach (var (seeker, _, _) in hires)
            {
                var start = vacancy.ClosesOn.AddDays(dice.Int(3, 21));
                if (start > world.Anchor)
                {
                    start = world.Anchor;
                }

                seeker.PlacedOn = start;
                lastStart = start > lastStart ? start : lastStart;
                if (vacancy.Type == "apprenticeship")
                {
                    apprenticed.Add(seeker.Id);
                }

                var wage = vacancy.Type == "apprenticeship"
                    ? vacancy.Stipend
                    : vacancy.WageMin + (long)((vacancy.WageMax - vacancy.WageMin ?? 0) * dice.Next() / 50_000) * 50_000;
                world.Placements.Add(new DemoPlacement(world.Placements.Count + 1, seeker.Id, vacancy.Id,
                    vacancy.EmployerId, vacancy.Type, start, wage, "direct"));
            }

            vacancy.Filled = hires.Count;
            var reportedOn = employer.Reporting switch
            {
                ReportingHabits.Prompt => lastStart,
                ReportingHabits.Late => lastStart.AddDays(dice.Int(14, 61)),
                _ => (DateOnly?)null,
            };
            // A filled vacancy whose employer never said so (or not yet) is closed by the office when it ends.
            var reported = hires.Count == vacancy.Openings && reportedOn is { } day && day <= world.Anchor;
            vacancy.Status = reported ? "filled" : "closed";
            vacancy.FilledReportedOn = reported ? reportedOn : null;
        }
    }

    /// <summary>The hidden fit, without noise, judged on what the person held the day the vacancy opened.</summary>
    public static double Fit(DemoSeeker seeker, DemoVacancy vacancy, bool partnership, bool recentTraining) =>
        Fit(seeker, seeker.UnitsOn(vacancy.OpensOn), vacancy, partnership, recentTraining);

    private static double Fit(DemoSeeker seeker, IReadOnlyDictionary<string, HeldUnit> units, DemoVacancy vacancy,
        bool partnership, bool recentTraining)
    {
        var mandatory = Coverage(units, vacancy.Requirements.Where(r => r.Mandatory).ToList());
        var optional = Coverage(units, vacancy.Requirements.Where(r => !r.Mandatory).ToList());
        var occupation = seeker.PreferredOccupations.Contains(vacancy.Occupation) ? 1.0
            : seeker.PreferredOccupations.Any(o => o[..3] == vacancy.Occupation[..3]) ? 0.6
            : seeker.PreferredOccupations.Any(o => o[0] == vacancy.Occupation[0]) ? 0.25 : 0;
        var sameProvince = seeker.Region[..2] == vacancy.Region[..2];
        var region = seeker.Region == vacancy.Region || seeker.PreferredRegions.Contains(vacancy.Region) ? 1.0
            : sameProvince ? (seeker.WillingToRelocate ? 0.6 : 0.4)
            : seeker.WillingToRelocate ? 0.3 : 0;
        var education = EducationRank(seeker.Education) >= EducationRank(vacancy.MinEducation) ? 1.0 : 0;
        var years = units.Where(u => vacancy.Requirements.Any(r => r.Unit == u.Key)).Select(u => (double)u.Value.Years)
            .DefaultIfEmpty(0).Max();
        var experience = vacancy.MinExperienceYears == 0 ? Math.Min(1, years / 3) : Math.Min(1, years / (double)vacancy.MinExperienceYears);
        var wage = vacancy.WageMax is not { } max || seeker.ExpectedWage <= max ? 1.0
            : Math.Max(0, 1 - 3.0 * (seeker.ExpectedWage - max) / max);
        return 3.0 * mandatory + 0.8 * optional + 1.2 * occupation + 1.0 * region + 0.6 * education + 0.4 * experience
            + 0.7 * wage + 0.5 * (partnership ? 1 : 0) + 0.3 * (recentTraining ? 1 : 0) + 0.5 * seeker.Aptitude;
    }

    public static int EducationRank(string level) => level switch
    {
        "none" => 0,
        "sd" => 1,
        "smp" => 2,
        "sma" or "smk" => 3,
        "d1" => 4,
        "d2" => 5,
        "d3" => 6,
        "d4" or "s1" => 7,
        "s2" => 8,
        "s3" => 9,
        _ => 0,
    };

    private static double Coverage(IReadOnlyDictionary<string, HeldUnit> units, List<DemoRequirement> requirements)
    {
        if (requirements.Count == 0)
        {
            return 1;
        }

        return requirements.Sum(r => units.TryGetValue(r.Unit, out var held)
            ? WorldGenerator.EvidenceWeight(held.Evidence) * Math.Min(1.0, held.Level / (double)r.MinLevel)
            : 0) / requirements.Count;
    }

    private static bool InAgeRange(DemoSeeker seeker, DemoVacancy vacancy)
    {
        var age = vacancy.OpensOn.Year - seeker.BirthDate.Year - (vacancy.OpensOn.DayOfYear < seeker.BirthDate.DayOfYear ? 1 : 0);
        return (vacancy.AgeMin is not { } min || age >= min) && (vacancy.AgeMax is not { } max || age <= max);
    }

    private static bool Related(DemoSeeker seeker, IReadOnlyDictionary<string, HeldUnit> units, DemoVacancy vacancy) =>
        vacancy.Requirements.Any(r => units.ContainsKey(r.Unit))
        || seeker.PreferredOccupations.Any(o => o[..3] == vacancy.Occupation[..3]);

    private static bool Partnered(DemoWorld world, DemoCohort cohort, int employerId, DateOnly day)
    {
        var office = world.Centres[world.Courses[cohort.CourseId - 1].CentreId - 1].OfficeId;
        return world.Mous.Any(m => m.EmployerId == employerId && m.OfficeId == office && m.Scopes.Contains("training")
            && m.ActiveOn(day));
    }
}
