using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Training;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin;

/// <summary>Offices and BLKs for the admin's selects, every page of their lists (a handful of calls: 200 a page).</summary>
public static class AdminLists
{
    public static Task<IReadOnlyList<Office>> OfficesAsync(NpgsqlDataSource db, CancellationToken ct) =>
        AllAsync<Office>(async page => await OfficesApi.List(new OfficeFilter(null, null), page, db, ct));

    public static Task<IReadOnlyList<TrainingCentre>> TrainingCentresAsync(Caller caller, NpgsqlDataSource db,
        CancellationToken ct) =>
        AllAsync<TrainingCentre>(async page => await TrainingCentresApi.List(new TrainingCentreFilter(), page, caller, db, ct));

    private static async Task<IReadOnlyList<T>> AllAsync<T>(Func<PageQuery, Task<IResult>> list)
    {
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var page = Handlers.Outcome<PagedList<T>>(await list(new PageQuery(number, PageQuery.MaxPageSize, "name")))
                .ValueOrDefault ?? throw new InvalidOperationException("A list refused its own paging.");
            all.AddRange(page.Items);
            if (all.Count >= page.Total || page.Items.Count == 0)
            {
                return all;
            }
        }
    }
}
