namespace LinkMatch.Api.Demo;

/// <summary>A generated job seeker: what is registered, the units held and when they were gained, and what the
/// generator alone knows (trade, aptitude, when they were placed).</summary>
public sealed class DemoSeeker
{
    public int Id { get; init; }
    public int OfficeId { get; init; }
    public required string Ak1Number { get; init; }
    public required string Nik { get; init; }
    public required string FullName { get; init; }
    public DateOnly BirthDate { get; init; }
    public required string Sex { get; init; }
    public required string Education { get; init; }
    public string? Major { get; init; }
    public required string Region { get; init; }
    public required string Phone { get; init; }
    public string? Email { get; init; }
    public string? Disability { get; init; }
    public long ExpectedWage { get; init; }
    public bool WillingToRelocate { get; init; }
    public DateOnly RegisteredOn { get; init; }
    public DateOnly? LastReportedOn { get; init; }
    public bool Consented { get; init; }
    public bool Inactive { get; init; }
    public Trade? Trade { get; init; }

    /// <summary>Unobserved quality: how well the person does at assessments and interviews.</summary>
    public double Aptitude { get; init; }

    public List<string> PreferredOccupations { get; } = [];
    public List<string> PreferredRegions { get; } = [];

    /// <summary>The units held now, at the anchor date.</summary>
    public Dictionary<string, HeldUnit> Units { get; } = [];

    /// <summary>When each unit was gained or strengthened; what work brought is held from before registration.</summary>
    public List<(string Unit, DateOnly From, HeldUnit Held)> UnitHistory { get; } = [];

    /// <summary>Records a unit gained on a day; what is held now is the strongest evidence gained.</summary>
    public void Gain(string unit, DateOnly day, HeldUnit gained)
    {
        settled = null;
        UnitHistory.Add((unit, day, gained));
        if (!Units.TryGetValue(unit, out var held) || Strength(gained) > Strength(held))
        {
            Units[unit] = held is null ? gained : gained with { Years = Math.Max(held.Years, gained.Years) };
        }
    }

    /// <summary>The units as they were held on a day, the strongest evidence gained by then (with the most years):
    /// a hiring decision knows nothing learnt later.</summary>
    public IReadOnlyDictionary<string, HeldUnit> UnitsOn(DateOnly day)
    {
        // On or after the last gain the answer no longer changes: the history asks for it thousands of times.
        if (settled is { } known && day >= known.From)
        {
            return known.Units;
        }

        var units = Collect(day);
        var last = UnitHistory.Count == 0 ? DateOnly.MinValue : UnitHistory.Max(h => h.From);
        if (day >= last)
        {
            settled = (last, units);
        }

        return units;
    }

    private (DateOnly From, Dictionary<string, HeldUnit> Units)? settled;

    private Dictionary<string, HeldUnit> Collect(DateOnly day)
    {
        var held = new Dictionary<string, HeldUnit>(UnitHistory.Count);
        foreach (var (unit, from, value) in UnitHistory)
        {
            if (from > day)
            {
                continue;
            }

            if (!held.TryGetValue(unit, out var before))
            {
                held[unit] = value;
            }
            else
            {
                var stronger = Strength(value) > Strength(before) ? value : before;
                held[unit] = stronger with { Years = Math.Max(before.Years, value.Years) };
            }
        }

        return held;
    }

    private static double Strength(HeldUnit unit) => WorldGenerator.EvidenceWeight(unit.Evidence) * 10 + unit.Level;

    /// <summary>When the person was placed in the history, if they were.</summary>
    public DateOnly? PlacedOn { get; set; }

    public List<int> CompletedCourseIds { get; } = [];
    public DateOnly? LastCompletedOn { get; set; }
}
