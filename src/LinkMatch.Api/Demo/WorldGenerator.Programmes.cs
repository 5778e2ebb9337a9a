namespace LinkMatch.Api.Demo;

/// <summary>MoU programmes (Demo/README.md, "MoU programmes"): targets set from what the history delivered, so the
/// scorecard tells its story on any anchor date. An on-track target is what the pace so far would reach by the end;
/// a behind target asks for more than twice that. No dice: the rest of the world is the same with or without them.</summary>
public static partial class WorldGenerator
{
    private const double OnPace = 1.0;
    private const double Ambitious = 2.5;

    private static void AddProgrammes(DemoWorld world)
    {
        var anchor = world.Anchor;
        DemoMou? Partner(int employer) => world.Mous.FirstOrDefault(m => m.EmployerId == employer && m.ActiveOn(anchor));
        DemoMou? Centre(int centre) => world.Mous.FirstOrDefault(m => m.CentreId == centre && m.ActiveOn(anchor));

        // The refinery contractor keeps pace; the earthworks builder is far behind its placement target (the region
        // lacks its operators); the mining contractor keeps pace with the province; the hotel keeps pace on
        // placements but its chefs seldom come to teach at the community BLK.
        Registry(world, Partner(1), "placements", OnPace, "Penempatan lulusan BLK sebagai welder dan teknisi listrik");
        Registry(world, Partner(1), "apprenticeships", OnPace, "Pemagangan las dan listrik untuk lulusan BLK Industri");
        Registry(world, Partner(2), "placements", Ambitious, "Penempatan operator alat berat dan pengemudi dump truck");
        Registry(world, Partner(3), "placements", OnPace, "Penempatan operator dan mekanik alat berat");
        Registry(world, Partner(4), "placements", OnPace, "Penempatan front office, housekeeping dan juru masak");
        if (Partner(4) is { } hotel)
        {
            var chefs = Commit(world, hotel, "instructors", 8, Year(hotel, anchor), "partner",
                "Chef hotel mengajar di kejuruan tata boga BLK Komunitas");
            Activity(world, chefs, anchor.AddDays(-200), 1, "Chef eksekutif mengajar hidangan Nusantara");
            Activity(world, chefs, anchor.AddDays(-150), 1, "Demonstrasi higiene dapur");
        }

        Registry(world, Centre(1), "training_seats", OnPace, "Kursi pelatihan las, listrik dan otomotif");
        Registry(world, Centre(1), "placements", OnPace, "Penempatan lulusan BLK Industri");
        Registry(world, Centre(2), "training_seats", OnPace, "Kursi pelatihan perhotelan dan TI");
        Registry(world, Centre(2), "certifications", Ambitious, "Sertifikasi kompetensi lulusan oleh LSP");
        Registry(world, Centre(3), "training_seats", OnPace, "Kursi pelatihan alat berat dan pergudangan");

        // A polytechnic (field visits on pace, guest lecturers behind), Kemnaker's directorate general (instructor
        // upgrading ahead of the new capital, on pace, the MoU ending within 90 days) and a university whose MoU has
        // gone quiet for more than six months.
        var poltek = PartnerMou(world, "university", "Politeknik Negeri Balikpapan", anchor.AddDays(-200), anchor.AddDays(895));
        var visits = Commit(world, poltek, "field_study", 6, Year(poltek, anchor), "office",
            "Kunjungan mahasiswa ke bengkel BLK Industri");
        foreach (var day in new[] { -150, -90, -30 })
        {
            Activity(world, visits, anchor.AddDays(day), 1, "Kunjungan lapangan mahasiswa teknik mesin");
        }

        var lecturers = Commit(world, poltek, "instructors", 12, Year(poltek, anchor), "partner",
            "Dosen tamu dan pertukaran instruktur las");
        Activity(world, lecturers, anchor.AddDays(-120), 2, "Dua dosen mengajar metalurgi las");
        var kemnaker = PartnerMou(world, "government",
            "Direktorat Jenderal Pembinaan Pelatihan Vokasi dan Produktivitas, Kemnaker", anchor.AddDays(-670), anchor.AddDays(60));
        var upgrading = Commit(world, kemnaker, "other", 40, (kemnaker.SignedOn, kemnaker.ValidUntil), "partner",
            "Peningkatan kompetensi instruktur BLK menjelang IKN");
        foreach (var day in new[] { -560, -380, -200, -20 })
        {
            Activity(world, upgrading, anchor.AddDays(day), 8, "Pelatihan peningkatan kompetensi instruktur");
        }

        var quiet = PartnerMou(world, "university", "Universitas Balikpapan", anchor.AddDays(-500), anchor.AddDays(595));
        var study = Commit(world, quiet, "field_study", 4, (quiet.SignedOn, quiet.ValidUntil), "office",
            "Studi lapangan mahasiswa manajemen ke mitra industri");
        Activity(world, study, anchor.AddDays(-240), 1, "Studi lapangan ke hotel mitra");
    }

    /// <summary>A commitment over the last year (within the MoU's term) whose target follows what the registry
    /// counts so far: the pace so far carried to the end, times <paramref name="ambition"/>.</summary>
    private static void Registry(DemoWorld world, DemoMou? mou, string kind, double ambition, string description)
    {
        if (mou is null)
        {
            return;
        }

        var period = Year(mou, world.Anchor);
        var done = Realised(world, mou, kind, period.StartsOn);
        var share = (world.Anchor.DayNumber - period.StartsOn.DayNumber + 1.0)
            / (period.EndsOn.DayNumber - period.StartsOn.DayNumber + 1.0);
        var target = done == 0 ? 10 : (int)Math.Ceiling(done / share * ambition) + (ambition > OnPace ? 5 : 0);
        Commit(world, mou, kind, target, period, kind == "training_seats" ? "office" : "partner", description);
    }

    /// <summary>What the registry holds for the MoU since <paramref name="from"/> (Reports/README.md: of the office's
    /// job seekers; by start date, cohort start or issue date).</summary>
    private static int Realised(DemoWorld world, DemoMou mou, string kind, DateOnly from)
    {
        bool Inside(DateOnly day) => day >= from && day <= world.Anchor;
        bool Ours(int seeker) => world.Seekers[seeker - 1].OfficeId == mou.OfficeId;
        int CentreOf(DemoEnrolment e) => world.Courses[world.Cohorts[e.CohortId - 1].CourseId - 1].CentreId;
        var type = kind == "apprenticeships" ? "apprenticeship" : "job";
        return kind switch
        {
            "placements" or "apprenticeships" when mou.EmployerId is { } employer => world.Placements.Count(p =>
                p.EmployerId == employer && p.Type == type && Ours(p.SeekerId) && Inside(p.StartDate)),
            "placements" or "apprenticeships" => world.Placements.Count(p => p.Type == type && Ours(p.SeekerId)
                && Inside(p.StartDate) && world.Enrolments.Any(e => e.SeekerId == p.SeekerId && CentreOf(e) == mou.CentreId
                    && e.CompletedOn <= p.StartDate)),
            "training_seats" => world.Enrolments.Count(e => CentreOf(e) == mou.CentreId && Ours(e.SeekerId)
                && Inside(world.Cohorts[e.CohortId - 1].StartsOn)),
            _ => world.Enrolments.Count(e => CentreOf(e) == mou.CentreId && Ours(e.SeekerId)
                && e.CertificateIssuedOn is { } issued && Inside(issued)),
        };
    }

    private static (DateOnly StartsOn, DateOnly EndsOn) Year(DemoMou mou, DateOnly anchor)
    {
        var start = anchor.AddDays(-364) > mou.SignedOn ? anchor.AddDays(-364) : mou.SignedOn;
        var end = start.AddDays(729) < mou.ValidUntil ? start.AddDays(729) : mou.ValidUntil;
        return (start, end);
    }

    private static DemoCommitment Commit(DemoWorld world, DemoMou mou, string kind, int? target,
        (DateOnly StartsOn, DateOnly EndsOn) period, string owedBy, string description)
    {
        var commitment = new DemoCommitment(world.Commitments.Count + 1, mou.Id, kind, target, period.StartsOn,
            period.EndsOn, owedBy, description);
        world.Commitments.Add(commitment);
        return commitment;
    }

    private static void Activity(DemoWorld world, DemoCommitment commitment, DateOnly day, int quantity, string note) =>
        world.Activities.Add(new DemoActivity(commitment.Id, day, quantity, note,
            $"BA/{commitment.Id:000}/{day:yyyyMMdd}"));

    private static DemoMou PartnerMou(DemoWorld world, string kind, string name, DateOnly signed, DateOnly until)
    {
        var id = world.Mous.Count + 1;
        var mou = new DemoMou(id, $"560/DISNAKER-BPN/{id:000}/{signed.Year}", 1, null, null, ["training"], signed,
            until, null, null, kind, name);
        world.Mous.Add(mou);
        return mou;
    }
}
