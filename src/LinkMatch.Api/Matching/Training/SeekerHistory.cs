using LinkMatch.Api.Matching.Features;

namespace LinkMatch.Api.Matching.Training;

/// <summary>A unit of competency and the day it became known.</summary>
public readonly record struct DatedUnit(HeldUnit Unit, DateOnly KnownSince);

/// <summary>A placement of the seeker: to leave out those already placed when a vacancy opened, and to know their
/// past apprenticeships.</summary>
public readonly record struct PastPlacement(long VacancyId, long EmployerId, string Type, string OccupationCode,
    DateOnly StartDate);

/// <summary>A seeker as the registry can reconstruct them on a past day, so that training data never uses what was
/// learnt after a vacancy opened (leakage). Reconstructed: units of competency (see <see cref="TrainingHistoryLoader"/>
/// for the dates), completed courses (completion dates), placements and apprenticeships (start dates). Not
/// reconstructable, taken as they are now: region, education, preferred occupations and regions, expected wage,
/// willingness to relocate (the registry keeps no history of them).</summary>
public sealed class SeekerHistory
{
    public required SeekerProfile Current { get; init; }

    public DatedUnit[] Units { get; init; } = [];

    /// <summary>Every completed course with its completion date (<see cref="SeekerProfile.Courses"/> of
    /// <see cref="Current"/> holds them all).</summary>
    public PastPlacement[] Placements { get; init; } = [];

    /// <summary>The seeker as known on <paramref name="day"/>: for each unit the strongest evidence known by then.</summary>
    public SeekerProfile AsOf(DateOnly day)
    {
        var units = new Dictionary<long, HeldUnit>();
        foreach (var dated in Units)
        {
            if (dated.KnownSince > day)
            {
                continue;
            }

            var unit = dated.Unit;
            if (!units.TryGetValue(unit.CompetencyId, out var held) || Stronger(unit, held))
            {
                units[unit.CompetencyId] = unit;
            }
        }

        return With(SeekerProfile.Sorted(units.Values), day);
    }

    /// <summary>Everything ever known: a superset of every <see cref="AsOf"/>, for the candidate index.</summary>
    public SeekerProfile Ever() => AsOf(DateOnly.MaxValue);

    /// <summary>Whether the seeker had started in another placement before <paramref name="day"/>.</summary>
    public bool PlacedBefore(DateOnly day, long exceptVacancyId)
    {
        foreach (var placement in Placements)
        {
            if (placement.StartDate < day && placement.VacancyId != exceptVacancyId)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Stronger(HeldUnit a, HeldUnit b) =>
        a.Evidence != b.Evidence ? a.Evidence > b.Evidence : a.Level > b.Level;

    private SeekerProfile With(HeldUnit[] units, DateOnly day)
    {
        var c = Current;
        return new SeekerProfile
        {
            Id = c.Id,
            OfficeId = c.OfficeId,
            RegionCode = c.RegionCode,
            WillingToRelocate = c.WillingToRelocate,
            EducationLevel = c.EducationLevel,
            ExpectedWage = c.ExpectedWage,
            RegisteredOn = c.RegisteredOn,
            BirthDate = c.BirthDate,
            PreferredOccupations = c.PreferredOccupations,
            PreferredRegions = c.PreferredRegions,
            Units = units,
            Courses = day == DateOnly.MaxValue ? c.Courses : Array.FindAll(c.Courses, k => k.CompletedOn <= day),
            Apprenticeships = [.. Placements.Where(p => p.Type == "apprenticeship" && p.StartDate <= day)
                .Select(p => new PastApprenticeship(p.EmployerId, p.OccupationCode, p.StartDate))],
        };
    }
}
