namespace LinkMatch.Api.Demo;

/// <summary>Builds a Balikpapan-like world, deterministic for a seed and an anchor date: the city and provincial
/// offices, three BLKs with twelve courses and two years of cohorts, employers with MoUs (some expired), job
/// seekers whose competencies follow from their courses and work, vacancies in the city's sectors with the project
/// waves of a refinery turnaround and the new capital's construction, and a placement history in which who was
/// hired follows how well they fit (see <see cref="HiringHistory"/>). Demo/README.md tells the story it makes.</summary>
public static partial class WorldGenerator
{
    public static DemoWorld Generate(DemoOptions options, DateOnly anchor)
    {
        var dice = new Dice(options.Seed);
        var world = new DemoWorld { Anchor = anchor };
        AddOffices(world);
        AddTraining(world, dice);
        AddSeekers(world, dice, options.Seekers);
        AddEnrolments(world, dice);
        AddEmployers(world, dice, options.Employers);
        AddMous(world, dice);
        AddVacancies(world, dice, options.Vacancies, options.RecentVacancyShare);
        if (options.SimulateHistory)
        {
            HiringHistory.Simulate(world, dice);
        }
        else
        {
            foreach (var vacancy in world.Vacancies.Where(v => v.ClosesOn < anchor))
            {
                vacancy.Status = "closed";
            }
        }

        AddProgrammes(world);
        return world;
    }

    private static void AddOffices(DemoWorld world)
    {
        world.Offices.Add(new DemoOffice(1, "DISNAKER-6471", "Dinas Tenaga Kerja Kota Balikpapan", "city_regency", "64.71"));
        world.Offices.Add(new DemoOffice(2, "DISNAKERTRANS-64", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Kalimantan Timur",
            "province", "64"));
    }

    private static void AddTraining(DemoWorld world, Dice dice)
    {
        world.Centres.Add(new DemoCentre(1, "BLK-BPN-IND", "UPTD BLK Industri Balikpapan", 1, "64.71",
            "Jl. Soekarno-Hatta Km 5, Balikpapan Utara"));
        world.Centres.Add(new DemoCentre(2, "BLK-BPN-KOM", "BLK Komunitas Balikpapan Timur", 1, "64.71",
            "Jl. Mulawarman No. 12, Manggar, Balikpapan Timur"));
        world.Centres.Add(new DemoCentre(3, "BLK-KALTIM", "UPTD BLK Provinsi Kalimantan Timur", 2, "64.72",
            "Jl. Untung Suropati, Samarinda"));

        // Which centre teaches which trade: industry trades in Balikpapan, services at the community BLK,
        // mining trades at the provincial BLK.
        var plan = new (int Centre, string Trade)[]
        {
            (1, "welding-smaw"), (1, "welding-pipe"), (1, "electrical"), (1, "ac-maintenance"), (1, "automotive"),
            (2, "front-office"), (2, "housekeeping"), (2, "cooking"), (2, "it-support"),
            (3, "heavy-operator"), (3, "heavy-mechanic"), (3, "warehouse"),
        };
        foreach (var (centre, key) in plan)
        {
            var trade = Trades.All.Single(t => t.Key == key);
            var id = world.Courses.Count + 1;
            world.Courses.Add(new DemoCourse(id, centre, $"K{id:00}-{key.ToUpperInvariant()}", trade));
        }

        // Two years of cohorts of 16 (a BLK's usual training package): most courses start one about every quarter,
        // the long and costly ones (pipe welding, heavy equipment) twice a year.
        var from = world.Anchor.AddDays(-730);
        foreach (var course in world.Courses)
        {
            var weeks = Math.Max(4, course.Trade.Hours / 40);
            var interval = 365 / course.Trade.CohortsPerYear;
            var start = from.AddDays(dice.Int(0, 60));
            var n = 1;
            while (start <= world.Anchor.AddDays(45))
            {
                world.Cohorts.Add(new DemoCohort(world.Cohorts.Count + 1, course.Id,
                    $"Angkatan {Roman(n)} {start.Year}", start, start.AddDays(weeks * 7), 16,
                    dice.Pick(Names.Instructors)));
                start = start.AddDays(dice.Int(interval * 9 / 10, interval * 11 / 10));
                n++;
            }
        }
    }

    private static string Roman(int n) => n switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        7 => "VII",
        8 => "VIII",
        9 => "IX",
        _ => "X",
    };
}
