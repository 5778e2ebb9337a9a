using LinkMatch.Api.Employers;
using LinkMatch.Api.Http;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Reference;
using LinkMatch.Api.Vacancies;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace LinkMatch.Api.Pages.Vacancies;

/// <summary>Lowongan: the vacancies the signed-in user may see (staff: their office's), filtered and paged by
/// <c>GET /api/v1/vacancies</c>'s own handler.</summary>
public sealed class IndexModel(NpgsqlDataSource db, ReferenceLabels reference) : ConsolePage
{
    public VacancyFilter Filter { get; private set; } = new();

    public PagedList<Vacancy>? Vacancies { get; private set; }

    public IReadOnlyList<Employer> Employers { get; private set; } = [];

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public Labels Labels { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] VacancyQuery query)
    {
        var ct = HttpContext.RequestAborted;
        Labels = await reference.LoadAsync(ct);
        Regions = (await reference.RegionsAsync(ct)).Where(r => r.Code.StartsWith("64.", StringComparison.Ordinal)).ToList();
        Employers = Handlers.Outcome<PagedList<Employer>>(await EmployerQueries.List(new EmployerFilter(),
            new PageQuery(1, PageQuery.MaxPageSize, "name"), Caller, db, ct)).ValueOrDefault?.Items ?? [];

        Filter = new VacancyFilter(EmployerId: query.EmployerId, WorkRegionCode: Blank(query.WorkRegionCode),
            OccupationCode: Blank(query.OccupationCode), Status: Blank(query.Status), Type: Blank(query.Type),
            Q: Blank(query.Q));
        var page = new PageQuery(query.Page, 25, "-opensOn");
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

        var outcome = Handlers.Outcome<PagedList<Vacancy>>(
            await VacancyQueries.List(Filter, page, Caller, db, ct));
        if (outcome is HandlerOutcome<PagedList<Vacancy>>.Success success)
        {
            Vacancies = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The list's query string as a form sends it.</summary>
    public sealed record VacancyQuery(int? Page, long? EmployerId, string? WorkRegionCode, string? OccupationCode,
        string? Status, string? Type, string? Q);
}
