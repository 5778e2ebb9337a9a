using LinkMatch.Api.Http;
using LinkMatch.Api.Reference;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>Names for the codes the API returns (regions, KBJI occupations, SKKNI units), so pages say "Kota
/// Balikpapan", not "64.71". Read through the reference API's handlers (public to every signed-in caller) and kept
/// for a few minutes: reference data changes rarely and is small.</summary>
public sealed class ReferenceLabels(NpgsqlDataSource db, IMemoryCache cache)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<Region>> RegionsAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("console:regions", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = KeepFor;
            return await AllAsync<Region>(page => RegionsApi.List(new RegionFilter(), page, db, ct));
        }))!;

    public async Task<IReadOnlyList<Occupation>> OccupationsAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("console:occupations", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = KeepFor;
            return await AllAsync<Occupation>(page => OccupationsApi.List(new OccupationFilter(), page, db, ct));
        }))!;

    public async Task<IReadOnlyList<Competency>> CompetenciesAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("console:competencies", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = KeepFor;
            return await AllAsync<Competency>(page => CompetenciesApi.List(new CompetencyFilter(null, null), page, db, ct));
        }))!;

    /// <summary>A lookup from code to name for a page's rows.</summary>
    public async Task<Labels> LoadAsync(CancellationToken ct) => new(
        (await RegionsAsync(ct)).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal),
        (await OccupationsAsync(ct)).ToDictionary(o => o.Code, o => o.Title, StringComparer.Ordinal));

    private static async Task<IReadOnlyList<T>> AllAsync<T>(
        Func<PageQuery, Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<PagedList<T>>,
            Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>>> list)
    {
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var page = Handlers.Outcome<PagedList<T>>(await list(new PageQuery(number, PageQuery.MaxPageSize, null)))
                .ValueOrDefault ?? throw new InvalidOperationException("A reference list refused its own paging.");
            all.AddRange(page.Items);
            if (all.Count >= page.Total || page.Items.Count == 0)
            {
                return all;
            }
        }
    }
}

/// <summary>Code → name for regions and occupations; an unknown code shows as itself.</summary>
public sealed record Labels(IReadOnlyDictionary<string, string> Regions, IReadOnlyDictionary<string, string> Occupations)
{
    public string Region(string? code) => code is null ? "–" : Regions.TryGetValue(code, out var name) ? name : code;

    public string Occupation(string? code) =>
        code is null ? "–" : Occupations.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
}
