using Dapper;
using LinkMatch.Api.Http;
using Npgsql;

namespace LinkMatch.Api.Training;

/// <summary>Turns the unit and occupation codes of a course request into ids, naming every code that is unknown.</summary>
internal static class CourseCodes
{
    public sealed record Resolved(long[] CompetencyIds, string[] OccupationCodes);

    public static async Task<Resolved> ResolveAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        IReadOnlyList<string> competencyCodes, IReadOnlyList<string>? occupationCodes, FieldErrors errors,
        CancellationToken ct)
    {
        errors.AddIf(competencyCodes.Any(string.IsNullOrWhiteSpace), "competencyCodes", "A code must not be empty.")
            .AddIf(occupationCodes?.Any(string.IsNullOrWhiteSpace) == true, "occupationCodes",
                "A code must not be empty.");
        var units = competencyCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal).ToArray();
        var found = (await conn.QueryAsync<(long Id, string Code)>(new CommandDefinition(
            "select id, code from competencies where code = any(@units)", new { units }, tx,
            cancellationToken: ct))).ToDictionary(r => r.Code, r => r.Id, StringComparer.Ordinal);
        var unknownUnits = units.Where(u => !found.ContainsKey(u)).ToList();
        if (unknownUnits.Count > 0)
        {
            errors.Add("competencyCodes", $"Unknown unit(s) of competency: {Quote(unknownUnits)}.");
        }

        var occupations = (occupationCodes ?? []).Where(c => !string.IsNullOrWhiteSpace(c))
            .Distinct(StringComparer.Ordinal).ToArray();
        var known = (await conn.QueryAsync<string>(new CommandDefinition(
            "select code from occupations where code = any(@occupations)", new { occupations }, tx,
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var unknownOccupations = occupations.Where(o => !known.Contains(o)).ToList();
        if (unknownOccupations.Count > 0)
        {
            errors.Add("occupationCodes", $"Unknown KBJI occupation code(s): {Quote(unknownOccupations)}.");
        }

        return new Resolved(found.Values.ToArray(), occupations);
    }

    /// <summary>Makes the course's units and occupations exactly the given ones.</summary>
    public static async Task ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long courseId, Resolved codes,
        CancellationToken ct)
    {
        const string sql = """
            delete from course_competencies where course_id = @courseId and competency_id <> all(@CompetencyIds);
            insert into course_competencies (course_id, competency_id)
            select @courseId, unnest(@CompetencyIds) on conflict do nothing;
            delete from course_occupations where course_id = @courseId and occupation_code <> all(@OccupationCodes);
            insert into course_occupations (course_id, occupation_code)
            select @courseId, unnest(@OccupationCodes) on conflict do nothing;
            """;
        await conn.ExecuteAsync(new CommandDefinition(sql,
            new { courseId, codes.CompetencyIds, codes.OccupationCodes }, tx, cancellationToken: ct));
    }

    // Codes are echoed so the client sees which one is wrong; long garbage is cut short.
    private static string Quote(IEnumerable<string> codes) =>
        string.Join(", ", codes.Take(10).Select(c => $"'{(c.Length <= 64 ? c : c[..64] + "…")}'"));
}
