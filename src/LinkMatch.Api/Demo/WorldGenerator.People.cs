namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    private static readonly (string Region, double Weight)[] HomeRegions =
    [
        ("64.71", 0.70), ("64.09", 0.08), ("64.72", 0.07), ("64.03", 0.05), ("63.71", 0.04), ("73.71", 0.04),
        ("35.78", 0.02),
    ];

    // Certified trades are few among job seekers, general ones many (invented shares).
    private static readonly (string? Trade, double Weight)[] TradeShares =
    [
        ("welding-smaw", 0.12), ("welding-pipe", 0.04), ("electrical", 0.09), ("heavy-operator", 0.06),
        ("heavy-mechanic", 0.04), ("haul-truck", 0.02), ("automotive", 0.08), ("front-office", 0.07),
        ("housekeeping", 0.08), ("cooking", 0.08), ("it-support", 0.08), ("ac-maintenance", 0.04), ("warehouse", 0.08),
        ("retail", 0.07), (null, 0.05),
    ];

    private static readonly (string Level, double Weight)[] Educations =
    [
        ("sd", 0.04), ("smp", 0.16), ("sma", 0.30), ("smk", 0.36), ("d1", 0.02), ("d3", 0.06), ("s1", 0.06),
    ];

    private static readonly Dictionary<string, string> SmkMajors = new()
    {
        ["welding-smaw"] = "Teknik Pengelasan",
        ["welding-pipe"] = "Teknik Pengelasan",
        ["electrical"] = "Teknik Instalasi Tenaga Listrik",
        ["heavy-operator"] = "Teknik Alat Berat",
        ["heavy-mechanic"] = "Teknik Alat Berat",
        ["automotive"] = "Teknik Kendaraan Ringan",
        ["front-office"] = "Perhotelan",
        ["housekeeping"] = "Perhotelan",
        ["cooking"] = "Tata Boga",
        ["it-support"] = "Teknik Komputer dan Jaringan",
        ["ac-maintenance"] = "Teknik Pendingin dan Tata Udara",
        ["warehouse"] = "Teknik Logistik",
        ["haul-truck"] = "Teknik Alat Berat",
        ["retail"] = "Bisnis Daring dan Pemasaran",
    };

    private static void AddSeekers(DemoWorld world, Dice dice, int count)
    {
        var niks = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 1; id <= count; id++)
        {
            var tradeKey = dice.Pick<string?>(TradeShares);
            var trade = tradeKey is null ? null : Trades.All.Single(t => t.Key == tradeKey);
            var female = dice.Chance(trade?.FemaleShare ?? 0.45);
            var age = Math.Min(50, 18 + (int)Math.Abs(dice.Normal(0, 8)));
            var birth = world.Anchor.AddYears(-age).AddDays(-dice.Int(0, 365));
            var region = dice.Pick<string>(HomeRegions);
            var nik = UniqueNik(dice, niks, region, birth, female);
            var first = female ? dice.Pick(Names.Female) : dice.Pick(Names.Male);
            var name = dice.Chance(0.6) ? $"{first} {dice.Pick(Names.Family)}" : first;
            var education = dice.Pick<string>(Educations);
            var registered = dice.Day(world.Anchor.AddDays(-900), world.Anchor.AddDays(-1));
            var reports = (world.Anchor.DayNumber - registered.DayNumber) / 182;
            var mid = trade is null ? 3_800_000 : (trade.WageMin + trade.WageMax) / 2;
            var seeker = new DemoSeeker
            {
                Id = id,
                OfficeId = region == "64.71" ? 1 : 2,
                Ak1Number = $"AK1-{(region == "64.71" ? "6471" : "6400")}-{registered.Year}-{id:000000}",
                Nik = nik,
                FullName = name,
                BirthDate = birth,
                Sex = female ? "female" : "male",
                Education = education,
                Major = education switch
                {
                    "smk" => tradeKey is null ? "Akuntansi" : SmkMajors[tradeKey],
                    "sma" => dice.Chance(0.5) ? "IPA" : "IPS",
                    "d3" or "s1" => dice.Pick(new[] { "Teknik Mesin", "Teknik Elektro", "Manajemen", "Perhotelan", "Teknik Informatika" }),
                    _ => null,
                },
                Region = region,
                Phone = UniquePhone(dice, phones),
                Email = dice.Chance(0.5) ? $"{first.ToLowerInvariant()}.{id}@mail.example.id" : null,
                Disability = dice.Chance(0.02) ? dice.Pick(new[] { "disabilitas fisik", "disabilitas rungu" }) : null,
                ExpectedWage = (long)Math.Round(mid * (0.8 + dice.Next() * 0.5) / 100_000) * 100_000,
                WillingToRelocate = dice.Chance(0.25),
                RegisteredOn = registered,
                LastReportedOn = reports > 0 && dice.Chance(0.7) ? registered.AddDays(182 * reports) : null,
                Consented = dice.Chance(0.88),
                Inactive = dice.Chance(0.06),
                Trade = trade,
                Aptitude = dice.Normal(),
            };
            AddPreferences(seeker, dice);
            AddWorkExperience(seeker, dice, age);
            world.Seekers.Add(seeker);
        }
    }

    private static void AddPreferences(DemoSeeker seeker, Dice dice)
    {
        if (seeker.Trade is { } trade)
        {
            seeker.PreferredOccupations.AddRange(trade.Occupations.Take(dice.Int(1, trade.Occupations.Length + 1)));
        }

        if (seeker.Trade is null || dice.Chance(0.15))
        {
            var other = dice.Pick(Trades.All).Occupations[0];
            if (!seeker.PreferredOccupations.Contains(other))
            {
                seeker.PreferredOccupations.Add(other);
            }
        }

        seeker.PreferredRegions.Add(seeker.Region);
        if (seeker.Region != "64.71" && dice.Chance(0.5))
        {
            seeker.PreferredRegions.Add("64.71");
        }
    }

    /// <summary>Units from work: a share of the trade's units, claimed from experience or self-declared.</summary>
    private static void AddWorkExperience(DemoSeeker seeker, Dice dice, int age)
    {
        if (seeker.Trade is { } trade && age > 20 && dice.Chance(0.55))
        {
            var years = Math.Round((decimal)(1 + dice.Next() * Math.Min(15, age - 19)), 1);
            foreach (var unit in dice.Sample(trade.Units, dice.Int(2, trade.Units.Length + 1)))
            {
                // A licence or qualification is proved by its certificate: work alone claims it at level 2 at most.
                var top = trade.IsLicensed(unit) ? 2 : 4;
                seeker.Gain(unit, DateOnly.MinValue, dice.Chance(0.7)
                    ? new HeldUnit((short)Math.Min(top, dice.Int(2, 5)), "experience", years, "riwayat kerja")
                    : new HeldUnit((short)dice.Int(1, 3), "self_declared", 0, "pernyataan sendiri"));
            }
        }

        if (seeker.Education is "sma" or "smk" or "d3" or "s1" && dice.Chance(0.2))
        {
            seeker.Gain("skill:ms-office", DateOnly.MinValue, new HeldUnit(2, "self_declared", 0, "pernyataan sendiri"));
        }

        if (dice.Chance(0.1))
        {
            seeker.Gain("skill:bahasa-inggris", DateOnly.MinValue, new HeldUnit(2, "self_declared", 0, "pernyataan sendiri"));
        }

        if (seeker.Sex == "male" && dice.Chance(0.15))
        {
            seeker.Gain("SIM-B2-UMUM", DateOnly.MinValue, new HeldUnit(2, "certified", 3, "Polri"));
        }
    }

    private static string UniqueNik(Dice dice, HashSet<string> taken, string region, DateOnly birth, bool female)
    {
        while (true)
        {
            var area = region.Replace(".", "", StringComparison.Ordinal) + $"{dice.Int(1, 9):00}";
            var day = birth.Day + (female ? 40 : 0);
            var nik = $"{area}{day:00}{birth.Month:00}{birth.Year % 100:00}{dice.Int(1, 10_000):0000}";
            if (taken.Add(nik))
            {
                return nik;
            }
        }
    }

    private static string UniquePhone(Dice dice, HashSet<string> taken)
    {
        var prefixes = new[] { "811", "812", "813", "821", "822", "852", "853", "857", "878" };
        while (true)
        {
            var phone = $"+62{dice.Pick(prefixes)}{dice.Int(1_000_000, 99_999_999):00000000}";
            if (taken.Add(phone))
            {
                return phone;
            }
        }
    }
}
