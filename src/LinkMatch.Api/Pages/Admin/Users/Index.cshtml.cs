using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Training;
using LinkMatch.Api.Users;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Users;

/// <summary>Pengguna: the accounts that sign in (admins, staff of an office, BLK instructors), by role and office,
/// through <c>GET /api/v1/users</c>'s handler.</summary>
public sealed class IndexModel(NpgsqlDataSource db) : ConsolePage
{
    public UserFilter Filter { get; private set; } = new();

    public PagedList<User>? Users { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<TrainingCentre> Centres { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] UserQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Offices = await AdminLists.OfficesAsync(db, ct);
        Centres = await AdminLists.TrainingCentresAsync(Caller, db, ct);
        Filter = new UserFilter(string.IsNullOrWhiteSpace(query.Role) ? null : query.Role, query.OfficeId,
            query.TrainingCentreId);
        var page = new PageQuery(query.Page, 50, "userName");
        if (!BindingSucceeded())
        {
            return Page();
        }

        AddErrors(await Handlers.ValidateAsync(Filter, HttpContext));
        AddErrors(await Handlers.ValidateAsync(page, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<PagedList<User>>(await UsersApi.List(Filter, page, db, HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<PagedList<User>>.Success success)
        {
            Users = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    public string OfficeName(long? id) => id is { } i ? Offices.FirstOrDefault(o => o.Id == i)?.Name ?? $"#{i}" : "–";

    public string CentreName(long? id) => id is { } i ? Centres.FirstOrDefault(c => c.Id == i)?.Name ?? $"#{i}" : "–";

    public sealed record UserQuery(int? Page, string? Role, long? OfficeId, long? TrainingCentreId);
}
