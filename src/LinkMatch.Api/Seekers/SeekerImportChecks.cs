using Dapper;
using LinkMatch.Api.PersonalData;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>The import's checks against the database, done for the whole file at once (a query per kind, not per
/// row): reference codes, and NIKs or AK/1 numbers repeated in the file or already registered.</summary>
internal static class SeekerImportChecks
{
    public static Task<bool> OfficeExistsAsync(NpgsqlConnection conn, long officeId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from offices where id = @officeId)",
            new { officeId }, cancellationToken: ct));

    /// <summary>Rejects unknown region, occupation and competency codes; returns the competency ids by code. The
    /// reference tables are read whole and compared in memory, so no cell of a rejected row reaches the database
    /// (or its statement log), whatever was typed into it.</summary>
    public static async Task<Dictionary<string, long>> ReferencesAsync(NpgsqlConnection conn,
        List<(CsvSeeker Row, CheckedSeeker Input)> rows, List<ImportReject> rejects, CancellationToken ct)
    {
        var regions = (await conn.QueryAsync<string>(new CommandDefinition("select code from regions",
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var occupations = (await conn.QueryAsync<string>(new CommandDefinition("select code from occupations",
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        var competencies = (await conn.QueryAsync<(long Id, string Code)>(new CommandDefinition(
            "select id, code from competencies", cancellationToken: ct)))
            .ToDictionary(c => c.Code, c => c.Id, StringComparer.Ordinal);

        foreach (var (row, input) in rows)
        {
            if (!regions.Contains(input.Request.RegionCode.Trim()))
            {
                rejects.Add(new ImportReject(row.Line, "regionCode", "Unknown region code."));
            }

            if (Unknown(input.Regions, regions.Contains) is { } region)
            {
                rejects.Add(new ImportReject(row.Line, "preferredRegions", $"Code {region} is not a known region."));
            }

            if (Unknown(input.Occupations, occupations.Contains) is { } occupation)
            {
                rejects.Add(new ImportReject(row.Line, "preferredOccupations",
                    $"Code {occupation} is not a known KBJI occupation."));
            }

            if (Unknown(row.Competencies.Select(c => c.Code).ToList(), competencies.ContainsKey) is { } competency)
            {
                rejects.Add(new ImportReject(row.Line, "competencies",
                    $"Entry {competency} is not a known competency code."));
            }
        }

        return competencies;
    }

    /// <summary>The position (1-based) of the first unknown code in a cell's list. Reasons name positions, never the
    /// values: a NIK typed into the wrong column must not come back in the answer.</summary>
    private static int? Unknown(IReadOnlyList<string> codes, Func<string, bool> known)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (!known(codes[i]))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Rejects a NIK or AK/1 number seen on an earlier line or already registered, among the rows not yet
    /// rejected. The NIK is never repeated in the reason (the first line holding it is) and goes to the database
    /// only as blind indexes.</summary>
    public static async Task DuplicatesAsync(NpgsqlConnection conn, List<(CsvSeeker Row, CheckedSeeker Input)> rows,
        PersonalDataProtector protector, List<ImportReject> rejects, CancellationToken ct)
    {
        var firstNik = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstAk1 = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, input) in rows)
        {
            if (!firstNik.TryAdd(input.Nik.Value, row.Line))
            {
                rejects.Add(new ImportReject(row.Line, "nik", $"The same NIK is on line {firstNik[input.Nik.Value]}."));
            }

            if (input.Request.Ak1Number?.Trim() is { Length: > 0 } ak1 && !firstAk1.TryAdd(ak1, row.Line))
            {
                rejects.Add(new ImportReject(row.Line, "ak1Number", $"The same AK/1 number is on line {firstAk1[ak1]}."));
            }
        }

        var candidates = new byte[rows.Count][][];
        Parallel.For(0, rows.Count, i =>
            candidates[i] = protector.BlindIndexCandidates(PersonalField.Nik, rows[i].Input.Nik.Value));
        var hashes = candidates.SelectMany(c => c).ToArray();
        var taken = (await conn.QueryAsync<byte[]>(new CommandDefinition(
            "select nik_hash from seekers where nik_hash = any(@hashes)", new { hashes }, cancellationToken: ct)))
            .Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);
        var ak1Numbers = firstAk1.Keys.ToArray();
        var takenAk1 = (await conn.QueryAsync<string>(new CommandDefinition(
            "select ak1_number from seekers where ak1_number = any(@ak1Numbers)", new { ak1Numbers },
            cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, input) = rows[i];
            if (taken.Count > 0 && candidates[i].Any(h => taken.Contains(Convert.ToHexString(h))))
            {
                rejects.Add(new ImportReject(row.Line, "nik", "A seeker with this NIK is already registered."));
            }

            if (input.Request.Ak1Number?.Trim() is { Length: > 0 } ak1 && takenAk1.Contains(ak1))
            {
                rejects.Add(new ImportReject(row.Line, "ak1Number", "A seeker with this AK/1 number is already registered."));
            }
        }
    }
}
