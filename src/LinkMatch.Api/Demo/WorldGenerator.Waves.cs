namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    /// <summary>The project waves of the demo world: many openings of one trade at once, for a few weeks.</summary>
    public static class Waves
    {
        /// <summary>The refinery's turnaround, opening now: certified pipe welders and electricians.</summary>
        public const string Turnaround = "turnaround";

        /// <summary>The refinery's previous turnaround, about a year ago (its hires are in the history).</summary>
        public const string LastTurnaround = "turnaround-last-year";

        /// <summary>The earthworks of the new capital's access roads, opening now: licensed operators and haul-truck
        /// drivers.</summary>
        public const string Earthworks = "ikn-earthworks";

        /// <summary>The apprenticeship intakes the refinery's contractor and the mining contractor run under their
        /// MoUs, for BLK graduates, through the two years.</summary>
        public const string Intake = "apprenticeship-intake";
    }

    /// <summary>One wave: who runs it (KBLI codes, or one anchor employer), the trade, the unit it cannot do without
    /// (at its level; none for an apprenticeship intake), how many vacancies per 600 and how many openings each, and
    /// the days before the anchor in which they open.</summary>
    private sealed record Wave(string Name, string[] Kbli, string Trade, string? KeyUnit, short KeyLevel, int Per600,
        int MinOpenings, int MaxOpenings, int FromDaysBack, int ToDaysBack, int? Employer = null)
    {
        public bool Apprenticeship => KeyUnit is null;
    }

    private static readonly string[] Refinery = ["19211", "33120", "09100"];

    private static readonly Wave[] WavePlan =
    [
        new(Waves.Turnaround, Refinery, "welding-pipe", "C.251000.014.01", 3, 9, 4, 8, 35, 2),
        new(Waves.LastTurnaround, Refinery, "welding-pipe", "C.251000.014.01", 3, 7, 3, 6, 400, 370),
        new(Waves.Earthworks, [.. Construction], "heavy-operator", "SIO-ALAT-BERAT", 3, 11, 3, 6, 40, 2),
        new(Waves.Earthworks, [.. Construction], "haul-truck", "B.051000.013.01", 2, 8, 3, 6, 40, 2),
        new(Waves.Intake, [], "welding-smaw", null, 0, 2, 6, 10, 700, 60, Employer: 1),
        new(Waves.Intake, [], "electrical", null, 0, 2, 6, 10, 700, 60, Employer: 1),
        new(Waves.Intake, [], "heavy-operator", null, 0, 2, 6, 10, 700, 60, Employer: 3),
        new(Waves.Intake, [], "heavy-mechanic", null, 0, 2, 6, 10, 700, 60, Employer: 3),
    ];

    /// <summary>Adds the waves' vacancies (scaled to the world's size) from employers that hire the trade and had an
    /// MoU covering placements when each opened, the anchor employers first and more often. A wave's vacancies stay
    /// open 45–75 days, so those of the current waves are open at the anchor date.</summary>
    private static void AddWaves(DemoWorld world, Dice dice, int count)
    {
        foreach (var wave in WavePlan)
        {
            var trade = Trades.All.Single(t => t.Key == wave.Trade);
            var employers = world.Employers
                .Where(e => e.Hires.Contains(trade) && (wave.Employer is { } only ? e.Id == only : wave.Kbli.Contains(e.Kbli)))
                .Select(e => (e, e.Id <= Anchors.Length ? 4.0 : 1.0)).ToList();
            var wanted = Math.Max(1, (int)Math.Round(wave.Per600 * count / 600.0));
            for (var tries = 0; wanted > 0 && employers.Count > 0 && tries < 20 * wanted + 20; tries++)
            {
                var employer = dice.Pick(employers);
                var opens = world.Anchor.AddDays(-dice.Int(wave.ToDaysBack, wave.FromDaysBack + 1));
                var scope = wave.Apprenticeship ? "apprenticeship" : "placement";
                var mou = world.Mous.FirstOrDefault(m => m.EmployerId == employer.Id && m.ActiveOn(opens)
                    && m.Scopes.Contains(scope));
                if (mou is null)
                {
                    continue;
                }

                var vacancy = AddVacancy(world, dice, employer, mou, trade, wave.Apprenticeship, opens, dice.Int(45, 76),
                    dice.Int(wave.MinOpenings, wave.MaxOpenings + 1), wave.Name);
                if (wave.KeyUnit is { } key)
                {
                    vacancy.Requirements.RemoveAll(r => r.Unit == key);
                    vacancy.Requirements.Add(new DemoRequirement(key, true, wave.KeyLevel));
                }

                wanted--;
            }
        }
    }

    private static string WaveDescription(string wave) => wave switch
    {
        Waves.Turnaround or Waves.LastTurnaround =>
            "Turnaround kilang Balikpapan: pekerjaan perawatan besar beberapa minggu, sertifikat kualifikasi wajib.",
        Waves.Earthworks => "Pekerjaan tanah jalan akses Ibu Kota Nusantara (IKN): operator dan pengemudi bersertifikat/ber-SIO.",
        _ => "",
    };
}
