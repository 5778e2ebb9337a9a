using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reports.Uptake;
using LinkMatch.Api.Training;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LinkMatch.Api.Pages.Training;

/// <summary>BLK: the training centres the signed-in user may see (an instructor: theirs; staff: their office's),
/// each with the headline of its graduate uptake (serapan lulusan), through
/// <c>GET /api/v1/training-centres/uptake</c>'s own handler: one call for the whole page.</summary>
public sealed class IndexModel(NpgsqlDataSource db, TimeProvider time, ReferenceLabels reference) : ConsolePage
{
    public TrainingCentreFilter Filter { get; private set; } = new();

    public PagedList<TrainingCentreUptake>? Centres { get; private set; }

    /// <summary>Offices an admin may filter by (others see only their own BLKs).</summary>
    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public Labels Labels { get; private set; } = null!;

    /// <summary>An instructor sees one BLK: nothing to filter.</summary>
    public bool Filters => !Caller.IsInstructor;

    public async Task<IActionResult> OnGetAsync([FromQuery] CentreQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Labels = await reference.LoadAsync(ct);
        if (Caller.IsAdmin)
        {
            Offices = Handlers.Outcome<PagedList<Office>>(await OfficesApi.List(new OfficeFilter(null, null),
                new PageQuery(1, PageQuery.MaxPageSize, "name"), db, ct)).ValueOrDefault?.Items ?? [];
        }

        Filter = new TrainingCentreFilter(OfficeId: Caller.IsAdmin ? query.OfficeId : null,
            Q: string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim());
        var page = new PageQuery(query.Page, query.PageSize ?? 25, "name");
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

        var outcome = Handlers.Outcome<PagedList<TrainingCentreUptake>>(
            await UptakeList.List(Filter, page, Caller, db, time, ct));
        if (outcome is HandlerOutcome<PagedList<TrainingCentreUptake>>.Success success)
        {
            Centres = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    /// <summary>The list's query string as its form sends it.</summary>
    public sealed record CentreQuery(int? Page, int? PageSize, long? OfficeId, string? Q);
}
