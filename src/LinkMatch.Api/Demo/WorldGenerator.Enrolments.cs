namespace LinkMatch.Api.Demo;

public static partial class WorldGenerator
{
    private static readonly Dictionary<string, string> Lsps = new()
    {
        ["welding-smaw"] = "LSP Pengelasan Indonesia",
        ["welding-pipe"] = "LSP Pengelasan Indonesia",
        ["electrical"] = "LSP Ketenagalistrikan",
        ["heavy-operator"] = "LSP Alat Berat Kalimantan",
        ["heavy-mechanic"] = "LSP Alat Berat Kalimantan",
        ["automotive"] = "LSP Otomotif Nasional",
        ["front-office"] = "LSP Pariwisata Kaltim",
        ["housekeeping"] = "LSP Pariwisata Kaltim",
        ["cooking"] = "LSP Pariwisata Kaltim",
        ["it-support"] = "LSP Teknologi Digital",
        ["ac-maintenance"] = "LSP Refrigerasi Indonesia",
        ["warehouse"] = "LSP Logistik Indonesia",
    };

    /// <summary>Cohorts fill with seekers of the course's trade; finished ones are assessed unit by unit, and the
    /// people judged competent in every unit are mostly certified. What they passed becomes their competencies.</summary>
    private static void AddEnrolments(DemoWorld world, Dice dice)
    {
        var byTrade = world.Seekers.GroupBy(s => s.Trade?.Key ?? "").ToDictionary(g => g.Key, g => g.ToList());
        var enrolled = new HashSet<(int Seeker, int Course)>();
        var certificates = 0;
        foreach (var cohort in world.Cohorts)
        {
            var course = world.Courses[cohort.CourseId - 1];
            var pool = byTrade.GetValueOrDefault(course.Trade.Key, [])
                .Where(s => s.RegisteredOn <= cohort.StartsOn.AddDays(30) && !enrolled.Contains((s.Id, course.Id)))
                .ToList();
            var seats = (int)Math.Round(cohort.Capacity * (0.7 + 0.3 * dice.Next()));
            foreach (var seeker in dice.Sample(pool, Math.Min(seats, pool.Count)))
            {
                enrolled.Add((seeker.Id, course.Id));
                var finished = cohort.EndsOn < world.Anchor;
                var dropped = finished && dice.Chance(0.1);
                var status = !finished ? "enrolled" : dropped ? "dropped" : "completed";
                var assessments = new List<DemoAssessment>();
                string? number = null;
                DateOnly? issued = null;
                if (status == "completed")
                {
                    foreach (var unit in course.Trade.Units)
                    {
                        assessments.Add(new DemoAssessment(unit, dice.Normal(seeker.Aptitude * 0.8, 1) > -1.3, cohort.EndsOn));
                    }

                    var issueDay = cohort.EndsOn.AddDays(dice.Int(14, 45));
                    if (assessments.All(a => a.Competent) && dice.Chance(0.75) && issueDay <= world.Anchor)
                    {
                        number = $"{course.Trade.Key.ToUpperInvariant()}/{cohort.EndsOn.Year}/{++certificates:00000}";
                        issued = issueDay;
                    }

                    Learn(seeker, course, cohort, assessments, issued);
                }

                world.Enrolments.Add(new DemoEnrolment(world.Enrolments.Count + 1, cohort.Id, seeker.Id, status,
                    status == "completed" ? cohort.EndsOn : null, number,
                    number is null ? null : $"Skema {course.Trade.CourseTitle}",
                    number is null ? null : Lsps[course.Trade.Key], issued, assessments));
            }
        }
    }

    /// <summary>Units judged competent are assessed from the assessment day and certified from the certificate's
    /// issue day; units not passed are trained. Stronger evidence held already is kept.</summary>
    private static void Learn(DemoSeeker seeker, DemoCourse course, DemoCohort cohort, List<DemoAssessment> assessments,
        DateOnly? certifiedOn)
    {
        seeker.CompletedCourseIds.Add(course.Id);
        seeker.LastCompletedOn = cohort.EndsOn;
        var source = $"{course.Code} {cohort.Name}";
        foreach (var a in assessments)
        {
            seeker.Gain(a.Unit, a.AssessedOn, a.Competent
                ? new HeldUnit(2, "assessed", 0, source)
                : new HeldUnit(1, "trained", 0, source));
            if (a.Competent && certifiedOn is { } day)
            {
                seeker.Gain(a.Unit, day, new HeldUnit(3, "certified", 0, source));
            }
        }
    }

    /// <summary>Evidence order: certified &gt; assessed &gt; trained &gt; experience &gt; self-declared.</summary>
    public static double EvidenceWeight(string evidence) => evidence switch
    {
        "certified" => 1.0,
        "assessed" => 0.85,
        "trained" => 0.65,
        "experience" => 0.6,
        _ => 0.3,
    };
}
