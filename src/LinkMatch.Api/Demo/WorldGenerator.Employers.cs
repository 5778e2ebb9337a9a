namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    // Balikpapan's employers: oil and gas and the refinery's contractors, mining and heavy equipment, construction
    // (the new capital, IKN, is next door), hospitality, logistics and retail. Shares invented, in the order of the
    // city's economy.
    private static readonly (string Section, string[] Kbli, double Share)[] Sectors =
    [
        ("B", ["09100", "06100", "06201", "19211", "46610"], 0.18),
        ("B", ["05100", "09900", "33120"], 0.17),
        ("F", ["41011", "41012", "42101", "43211", "43222", "25111"], 0.22),
        ("I", ["55110", "55120", "56101", "56210", "56290"], 0.20),
        ("H", ["49431", "52101", "52221", "52291"], 0.12),
        ("G", ["47111", "47112", "47413", "45201"], 0.11),
    ];

    private static readonly string[] AllScopes = ["placement", "apprenticeship", "training"];

    /// <summary>The partners every demo shows: the refinery's turnaround contractor, the road builder of the new
    /// capital, a mining contractor up the Mahakam, a city hotel, and the city's one IT service firm that hires
    /// (small: the IT support course's graduates find little work). Each has an MoU for the whole history.</summary>
    internal static readonly (string Name, string Kbli, string Region, int Workforce, int Office, string[] Trades, string[] Scopes)[] Anchors =
    [
        ("PT Kilang Borneo Rekayasa", "33120", "64.71", 1450, 1, ["welding-pipe", "welding-smaw", "electrical"], AllScopes),
        ("PT Karya Nusantara Infrastruktur", "42101", "64.71", 980, 1, ["heavy-operator", "haul-truck", "welding-smaw"], AllScopes),
        ("PT Mahakam Alam Tambang", "05100", "64.03", 1250, 2, ["heavy-operator", "heavy-mechanic", "haul-truck", "warehouse"], AllScopes),
        ("PT Grand Klandasan Hotel", "55110", "64.71", 420, 1, ["front-office", "housekeeping", "cooking", "ac-maintenance"], AllScopes),
        ("PT Borneo Digital Solusi", "62090", "64.71", 120, 1, ["it-support"], ["placement"]),
    ];

    private static void AddEmployers(DemoWorld world, Dice dice, int count)
    {
        var names = new HashSet<string>(Anchors.Select(a => a.Name), StringComparer.Ordinal);
        foreach (var anchor in Anchors.Take(count))
        {
            var slug = new string(anchor.Name[3..].ToLowerInvariant().Where(char.IsLetter).ToArray());
            world.Employers.Add(new DemoEmployer(world.Employers.Count + 1, anchor.Name, anchor.Kbli,
                $"{dice.Pick(Names.Streets)} No. {dice.Int(1, 200)}", anchor.Region,
                $"{dice.Pick(Names.Female)} {dice.Pick(Names.Family)} (HRD)", $"hrd@{slug}.example.id",
                $"+62542{dice.Int(700_000, 899_999)}", anchor.Workforce,
                [.. Trades.All.Where(t => anchor.Trades.Contains(t.Key))], ReportingHabits.Prompt));
        }

        for (var id = world.Employers.Count + 1; id <= count; id++)
        {
            var sector = dice.Pick(Sectors.Select(s => (s, s.Share)).ToList());
            var kbli = dice.Pick(sector.Kbli);
            var hires = Trades.All.Where(t => t.Industries.Contains(kbli)).ToArray();
            if (hires.Length == 0)
            {
                hires = [Trades.All.Single(t => t.Key == "warehouse")];
            }

            var section = kbli switch
            {
                "19211" or "25111" or "33120" => "C",
                "46610" or "47111" or "47112" or "47413" or "45201" => "G",
                "62090" => "J",
                _ => sector.Section,
            };
            // Once the word lists run short for a large world, a district name tells namesakes apart.
            var name = $"PT {dice.Pick(Names.CompanyCore)} {dice.Pick(Names.CompanyKind[section])}";
            for (var attempt = 0; !names.Add(name); attempt++)
            {
                name = attempt < 20
                    ? $"PT {dice.Pick(Names.CompanyCore)} {dice.Pick(Names.CompanyKind[section])}"
                    : $"PT {dice.Pick(Names.CompanyCore)} {dice.Pick(Names.CompanyKind[section])} {dice.Pick(Names.CompanyCore)} {attempt}";
            }

            var region = section == "B" && kbli is "05100" or "09900"
                ? dice.Pick(new[] { "64.03", "64.01", "64.71", "64.09" })
                : dice.Chance(0.85) ? "64.71" : dice.Pick(new[] { "64.09", "64.72", "64.03" });
            var slug = new string(name[3..].ToLowerInvariant().Where(char.IsLetter).ToArray());
            var workforce = (int)Math.Round(Math.Exp(dice.Normal(5, 1.1))) + 20;
            world.Employers.Add(new DemoEmployer(id, name, kbli,
                $"{dice.Pick(Names.Streets)} No. {dice.Int(1, 200)}", region,
                $"{dice.Pick(Names.Female)} {dice.Pick(Names.Family)} (HRD)", $"hrd@{slug}.example.id",
                $"+62542{dice.Int(700_000, 899_999)}", workforce, hires, Habit(dice, workforce)));
        }
    }

    /// <summary>Large employers report a filled vacancy on the day, from their HR systems; small ones late or never.</summary>
    private static string Habit(Dice dice, int workforce)
    {
        var (prompt, late) = workforce >= 500 ? (0.7, 0.25) : workforce >= 100 ? (0.45, 0.4) : (0.25, 0.4);
        var x = dice.Next();
        return x < prompt ? ReportingHabits.Prompt : x < prompt + late ? ReportingHabits.Late : ReportingHabits.Silent;
    }

    /// <summary>Most employers have an MoU with the city office; some with the provincial office; some MoUs have
    /// expired or been terminated. Each BLK has a training MoU with its office.</summary>
    private static void AddMous(DemoWorld world, Dice dice)
    {
        foreach (var employer in world.Employers)
        {
            if (employer.Id <= Anchors.Length)
            {
                var since = dice.Day(world.Anchor.AddDays(-1000), world.Anchor.AddDays(-940));
                AddMou(world, Anchors[employer.Id - 1].Office, employer.Id, null, Anchors[employer.Id - 1].Scopes, since,
                    since.AddYears(3), null, null);
                continue;
            }

            var office = employer.Region == "64.71" || dice.Chance(0.6) ? 1 : 2;
            var scopes = new List<string> { "placement" };
            if (employer.Workforce >= 50 && dice.Chance(0.55))
            {
                scopes.Add("apprenticeship");
            }

            if (dice.Chance(0.3))
            {
                scopes.Add("training");
            }

            var signed = dice.Day(world.Anchor.AddDays(-1000), world.Anchor.AddDays(-400));
            var until = signed.AddYears(dice.Chance(0.5) ? 2 : 3);
            AddMou(world, office, employer.Id, null, [.. scopes], signed, until, null, null);
            // An expired agreement was renewed for most, but not all, partners.
            if (until < world.Anchor && dice.Chance(0.75))
            {
                AddMou(world, office, employer.Id, null, [.. scopes], until.AddDays(dice.Int(-20, 30)),
                    until.AddYears(3), null, null);
            }
            else if (until >= world.Anchor && dice.Chance(0.04))
            {
                var ended = dice.Day(signed.AddDays(200), world.Anchor);
                world.Mous[^1] = world.Mous[^1] with { TerminatedOn = ended, TerminationReason = "Perusahaan menghentikan kerja sama" };
            }
        }

        foreach (var centre in world.Centres)
        {
            AddMou(world, centre.OfficeId, null, centre.Id, ["training", "placement"], world.Anchor.AddDays(-900),
                world.Anchor.AddDays(600), null, null);
        }
    }

    private static void AddMou(DemoWorld world, int office, int? employer, int? centre, string[] scopes, DateOnly signed,
        DateOnly until, DateOnly? terminated, string? reason)
    {
        var id = world.Mous.Count + 1;
        var prefix = office == 1 ? "560/DISNAKER-BPN" : "560/DTKT-KALTIM";
        world.Mous.Add(new DemoMou(id, $"{prefix}/{id:000}/{signed.Year}", office, employer, centre, scopes, signed,
            until, terminated, reason));
    }
}
