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
        officeNames = Offices.ToDictionary(o => o.Id, o => o.Name);
        centreNames = Centres.ToDictionary(c => c.Id, c => c.Name);
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

    /// <summary>Where a user works: their office's or BLK's name, or null for an admin (the whole province).</summary>
    public string? UnitOf(User user) =>
        user.OfficeId is { } office ? officeNames.GetValueOrDefault(office, $"#{office}")
        : user.TrainingCentreId is { } centre ? centreNames.GetValueOrDefault(centre, $"#{centre}")
        : null;

    private Dictionary<long, string> officeNames = [];

    private Dictionary<long, string> centreNames = [];

    public sealed record UserQuery(int? Page, string? Role, long? OfficeId, long? TrainingCentreId);
}
