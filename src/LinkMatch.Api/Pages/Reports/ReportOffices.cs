using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using Npgsql;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>The offices a report page offers: every office for an admin to choose from; a staff member's own (shown,
/// not chosen); none for others.</summary>
internal static class ReportOffices
{
    public static async Task<IReadOnlyList<Office>> LoadAsync(NpgsqlDataSource db, Caller caller, CancellationToken ct)
    {
        if (caller.IsAdmin)
        {
            return Handlers.Outcome<PagedList<Office>>(await OfficesApi.List(new OfficeFilter(null, null),
                new PageQuery(1, PageQuery.MaxPageSize, "name"), db, ct)).ValueOrDefault?.Items ?? [];
        }

        return caller.OfficeId is { } id && Handlers.Outcome<Office>(await OfficesApi.Get(id, db, ct)).ValueOrDefault is { } own
            ? [own]
            : [];
    }
}
