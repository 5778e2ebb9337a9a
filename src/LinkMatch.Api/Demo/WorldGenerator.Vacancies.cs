namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    /// <summary>Kalimantan Timur's 2025 provincial minimum wage: what apprentices are paid as uang saku.</summary>
    public const long ProvincialMinimumWage = 3_579_313;

    private static readonly HashSet<string> Construction = ["41011", "41012", "42101", "43211", "43222", "25111"];

    /// <summary>The everyday flow of vacancies over two years, after the project waves (<see cref="AddWaves"/>):
    /// most closed by now and about one in seven still open; a fifth are apprenticeships. Construction ramps up
    /// towards today, as the new capital's works do. Each comes from an employer whose MoU covering its type was
    /// active when it opened.</summary>
    private static void AddVacancies(DemoWorld world, Dice dice, int count, double recentShare)
    {
        AddWaves(world, dice, count);
        var weighted = world.Employers.Select(e => (e, Math.Sqrt(e.Workforce))).ToList();
        while (world.Vacancies.Count < count)
        {
            var apprenticeship = dice.Chance(0.2);
            var employer = dice.Pick(weighted);
            var recent = dice.Chance(recentShare);
            // Construction's vacancies grow towards today (density rising linearly); the others are spread evenly.
            var back = recent ? dice.Int(1, 46)
                : Construction.Contains(employer.Kbli) ? 45 + (int)(675 * (1 - Math.Sqrt(dice.Next())))
                : dice.Int(45, 721);
            var opens = world.Anchor.AddDays(-back);
            var scope = apprenticeship ? "apprenticeship" : "placement";
            var mou = world.Mous.FirstOrDefault(m => m.EmployerId == employer.Id && m.ActiveOn(opens) && m.Scopes.Contains(scope));
            var trade = dice.Pick(employer.Hires);
            // An apprenticeship is for a BLK's graduates: a trade no BLK teaches has none.
            if (mou is null || (apprenticeship && (employer.Workforce < 20 || !trade.HasCourse)))
            {
                continue;
            }

            var openings = apprenticeship
                ? Math.Min(dice.Int(2, 9), Math.Max(1, employer.Workforce / 5))
                : 1 + (int)Math.Floor(-Math.Log(1 - dice.Next()) * 1.6);
            AddVacancy(world, dice, employer, mou, trade, apprenticeship, opens, dice.Int(30, 61), openings, null);
        }
    }

    private static DemoVacancy AddVacancy(DemoWorld world, Dice dice, DemoEmployer employer, DemoMou mou, Trade trade,
        bool apprenticeship, DateOnly opens, int days, int openings, string? wave)
    {
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
                : wave is not null ? $"{WaveDescription(wave)} {employer.Name} membutuhkan {dice.Pick(trade.VacancyTitles)}."
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
                : wave is not null ? "fixed_term"
                : dice.Pick(new[] { ("fixed_term", 0.6), ("permanent", 0.25), ("daily", 0.1), ("part_time", 0.05) }),
            ApprenticeshipMonths = apprenticeship ? (short)(dice.Chance(0.5) ? 6 : 12) : null,
            Stipend = apprenticeship ? ProvincialMinimumWage : null,
            OpensOn = opens,
            ClosesOn = opens.AddDays(days),
            Wave = wave,
            Trade = trade,
        };
        AddRequirements(vacancy, trade, dice, apprenticeship, wave is not null);
        world.Vacancies.Add(vacancy);
        return vacancy;
    }

    /// <summary>Safety units (K3) are usually mandatory; then the core units of the trade; a few optional extras.
    /// A licensed unit (<see cref="Trade.Licensed"/>) is asked for at level 3, the certificate, and mandatory in
    /// most jobs and every project wave; an apprenticeship never asks for one.</summary>
    private static void AddRequirements(DemoVacancy vacancy, Trade trade, Dice dice, bool apprenticeship, bool wave)
    {
        var units = trade.Units.Where(u => !trade.IsLicensed(u)).ToList();
        // A job wave asks for its key unit alone (the wave adds it); the trade's other units are a plus.
        var mandatoryCount = apprenticeship ? 1 : wave ? 0 : dice.Int(2, Math.Min(4, units.Count) + 1);
        var mandatory = units.Take(Math.Min(1, mandatoryCount))
            .Concat(dice.Sample(units.Skip(1).ToList(), Math.Max(0, mandatoryCount - 1))).Distinct().ToList();
        foreach (var unit in mandatory)
        {
            vacancy.Requirements.Add(new DemoRequirement(unit, true, apprenticeship ? (short)1 : (short)2));
        }

        foreach (var unit in trade.Licensed ?? [])
        {
            if (!apprenticeship && (wave || dice.Chance(0.7)))
            {
                vacancy.Requirements.Add(new DemoRequirement(unit, true, 3));
            }
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
