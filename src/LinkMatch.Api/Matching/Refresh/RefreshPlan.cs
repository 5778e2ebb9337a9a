using Dapper;
using LinkMatch.Api.Matching.Candidates;
using Npgsql;

namespace LinkMatch.Api.Matching.Refresh;

/// <summary>One part of a refresh: the work regions it covers and its vacancies.</summary>
public sealed record PlannedPart(int Part, string[] Regions, long[] VacancyIds);

/// <summary>Splits the open vacancies into parts of about <c>partVacancies</c> each, by work region: a region's
/// vacancies stay together unless the region alone is larger than a part (then it is cut, in id order), and regions
/// go to the lightest part, largest first, so parts come out even. The order is fixed by the data (region code, then
/// id), so the same world gives the same plan. Seekers are not partitioned: every part ranks its vacancies against
/// everyone in reach (the same province, a preferred region, or willing to relocate), and the per-seeker cap is made
/// global when the parts are joined (<see cref="Reconcile"/>).</summary>
public static class RefreshPlan
{
    public static async Task<List<PlannedPart>> MakeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateOnly today,
        int partVacancies, CancellationToken ct)
    {
        var open = (await conn.QueryAsync<(long Id, string Region)>(new CommandDefinition($"""
            select v.id, v.work_region_code from vacancies v where {VacancyLoader.Open}
            order by v.work_region_code, v.id
            """, new { today }, tx, cancellationToken: ct))).AsList();
        return Split(open, partVacancies);
    }

    public static List<PlannedPart> Split(IReadOnlyList<(long Id, string Region)> open, int partVacancies)
    {
        var count = Math.Max(1, (int)Math.Ceiling(open.Count / (double)Math.Max(1, partVacancies)));
        var size = (int)Math.Ceiling(open.Count / (double)count);
        var chunks = open.GroupBy(v => v.Region, StringComparer.Ordinal)
            .SelectMany(region => region.Chunk(Math.Max(1, size)).Select(c => (Region: region.Key, Ids: c.Select(v => v.Id).ToArray())))
            .OrderByDescending(c => c.Ids.Length).ThenBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.Ids[0])
            .ToList();
        var parts = Enumerable.Range(0, count).Select(_ => (Regions: new SortedSet<string>(StringComparer.Ordinal), Ids: new List<long>())).ToList();
        foreach (var chunk in chunks)
        {
            var lightest = parts.Select((p, i) => (p.Ids.Count, i)).Min().i;
            parts[lightest].Regions.Add(chunk.Region);
            parts[lightest].Ids.AddRange(chunk.Ids);
        }

        return [.. parts.Where(p => p.Ids.Count > 0)
            .Select((p, i) => new PlannedPart(i, [.. p.Regions], [.. p.Ids.Order()]))];
    }
}
