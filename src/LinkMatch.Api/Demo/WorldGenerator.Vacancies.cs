namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    /// <summary>Kalimantan Timur's 2025 provincial minimum wage: what apprentices are paid as uang saku.</summary>
    public const long ProvincialMinimumWage = 3_579_313;

    /// <summary>Vacancies over two years, most of them closed by now and about one in seven still open; a fifth
    /// are apprenticeships. Each comes from an employer whose MoU covering its type was active when it opened.</summary>
    private static void AddVacancies(DemoWorld world, Dice dice, int count, double recentShare)
    {
        var weighted = world.Employers.Select(e => (e, Math.Sqrt(e.Workforce))).ToList();
        while (world.Vacancies.Count < count)
        {
            var apprenticeship = dice.Chance(0.2);
            var opens = dice.Chance(recentShare)
                ? dice.Day(world.Anchor.AddDays(-45), world.Anchor.AddDays(-1))
                : dice.Day(world.Anchor.AddDays(-720), world.Anchor.AddDays(-45));
            var employer = dice.Pick(weighted);
            var scope = apprenticeship ? "apprenticeship" : "placement";
            var mou = world.Mous.FirstOrDefault(m => m.EmployerId == employer.Id && m.ActiveOn(opens) && m.Scopes.Contains(scope));
            if (mou is null || (apprenticeship && employer.Workforce < 20))
            {
                continue;
            }

            var trade = dice.Pick(employer.Hires);
            var openings = apprenticeship
                ? Math.Min(dice.Int(2, 9), Math.Max(1, employer.Workforce / 5))
                : 1 + (int)Math.Floor(-Math.Log(1 - dice.Next()) * 1.6);
            var wageMin = (long)Math.Round(trade.WageMin * (0.9 + 0.2 * dice.Next()) / 50_000) * 50_000;
            var vacancy = new DemoVacancy
            {
                Id = world.Vacancies.Count + 1,
                EmployerId = employer.Id,
                MouId = mou.Id,
                OfficeId = mou.OfficeId,
                Type = apprenticeship ? "apprenticeship" : "job",
                Title = (apprenticeship ? "Magang " : "") + dice.Pick(trade.VacancyTitles),
                Occupation = dice.Pick(trade.Occupations),
                Description = apprenticeship
                    ? $"Program pemagangan {trade.CourseTitle} di {employer.Name}; pembimbing bersertifikat, uang saku setara UMP."
                    : $"Dibutuhkan {dice.Pick(trade.VacancyTitles)} untuk proyek {employer.Name} di wilayah Kalimantan Timur.",
                MinEducation = apprenticeship ? "sma" : trade.MinEducation,
                MinExperienceYears = apprenticeship ? 0 : dice.Pick(new[] { 0m, 0m, 1m, 2m, 3m }),
                AgeMin = 18,
                AgeMax = (short?)(apprenticeship ? 30 : dice.Chance(0.6) ? 40 : null),
                Region = employer.Region,
                Openings = Math.Min(openings, 12),
                WageMin = apprenticeship ? null : wageMin,
                WageMax = apprenticeship ? null : wageMin + (long)Math.Round((trade.WageMax - trade.WageMin) * dice.Next() / 50_000) * 50_000,
                ContractType = apprenticeship ? "apprenticeship"
                    : dice.Pick(new[] { ("fixed_term", 0.6), ("permanent", 0.25), ("daily", 0.1), ("part_time", 0.05) }),
                ApprenticeshipMonths = apprenticeship ? (short)(dice.Chance(0.5) ? 6 : 12) : null,
                Stipend = apprenticeship ? ProvincialMinimumWage : null,
                OpensOn = opens,
                ClosesOn = opens.AddDays(dice.Int(30, 61)),
                Trade = trade,
            };
            AddRequirements(vacancy, trade, dice, apprenticeship);
            world.Vacancies.Add(vacancy);
        }
    }

    /// <summary>Safety units (K3) are usually mandatory; then the core units of the trade; a few optional extras.</summary>
    private static void AddRequirements(DemoVacancy vacancy, Trade trade, Dice dice, bool apprenticeship)
    {
        var units = trade.Units.ToList();
        var mandatoryCount = apprenticeship ? 1 : dice.Int(2, Math.Min(4, units.Count) + 1);
        var mandatory = units.Take(1).Concat(dice.Sample(units.Skip(1).ToList(), mandatoryCount - 1)).Distinct().ToList();
        foreach (var unit in mandatory)
        {
            vacancy.Requirements.Add(new DemoRequirement(unit, true, apprenticeship ? (short)1 : (short)2));
        }

        foreach (var unit in dice.Sample(units.Except(mandatory).ToList(), dice.Int(0, 3)))
        {
            vacancy.Requirements.Add(new DemoRequirement(unit, false, 1));
        }

        if (dice.Chance(0.15) && vacancy.Requirements.All(r => r.Unit != "skill:bahasa-inggris"))
        {
            vacancy.Requirements.Add(new DemoRequirement("skill:bahasa-inggris", false, 1));
        }
    }
}
