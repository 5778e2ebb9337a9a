using Dapper;
using Npgsql;

namespace LinkMatch.Api.Matching.Candidates;

/// <summary>The names explanations use: unit titles, region names, KBJI occupation titles, course titles and BLK
/// names. Small reference tables, loaded once per job.</summary>
public sealed class ReferenceNames
{
    public IReadOnlyDictionary<long, string> Units { get; init; } = new Dictionary<long, string>();
    public IReadOnlyDictionary<string, string> Regions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Occupations { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<long, string> Courses { get; init; } = new Dictionary<long, string>();
    public IReadOnlyDictionary<long, string> TrainingCentres { get; init; } = new Dictionary<long, string>();

    public string Unit(long id) => Units.TryGetValue(id, out var title) ? title : $"unit {id}";

    public string Region(string code) => Regions.TryGetValue(code, out var name) ? name : code;

    public string Occupation(string code) =>
        Occupations.TryGetValue(code, out var title) ? title
        : code.Length > 4 && Occupations.TryGetValue(code[..4], out var unitGroup) ? unitGroup
        : $"KBJI {code}";

    public string Course(long id) => Courses.TryGetValue(id, out var title) ? title : $"course {id}";

    public string TrainingCentre(long id) => TrainingCentres.TryGetValue(id, out var name) ? name : $"BLK {id}";

    public static async Task<ReferenceNames> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx,
        CancellationToken ct)
    {
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition("""
            select id, title from competencies;
            select code, name from regions;
            select code, title from occupations;
            select id, title from courses;
            select id, name from training_centres;
            """, transaction: tx, cancellationToken: ct));
        return new ReferenceNames
        {
            Units = (await multi.ReadAsync<(long, string)>()).ToDictionary(r => r.Item1, r => r.Item2),
            Regions = (await multi.ReadAsync<(string, string)>()).ToDictionary(r => r.Item1, r => r.Item2,
                StringComparer.Ordinal),
            Occupations = (await multi.ReadAsync<(string, string)>()).ToDictionary(r => r.Item1, r => r.Item2,
                StringComparer.Ordinal),
            Courses = (await multi.ReadAsync<(long, string)>()).ToDictionary(r => r.Item1, r => r.Item2),
            TrainingCentres = (await multi.ReadAsync<(long, string)>()).ToDictionary(r => r.Item1, r => r.Item2),
        };
    }
}
