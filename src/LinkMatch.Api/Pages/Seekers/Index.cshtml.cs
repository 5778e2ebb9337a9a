using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Reference;
using LinkMatch.Api.Seekers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Seekers;

/// <summary>Pencari kerja: the seekers the signed-in user may see, through <c>GET /api/v1/seekers</c>'s own handler
/// (masked, each row shown audited). Name, AK/1 number and filters travel in the query string; a NIK or phone
/// number is posted and answered on the spot, so it never sits in a URL that proxies and browsers keep.</summary>
public sealed class IndexModel(NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time,
    ReferenceLabels reference, IStringLocalizer<SeekerText> text) : ConsolePage
{
    private const int PageSize = 25;

    public SeekerFilter Filter { get; private set; } = new();

    public string? Sort { get; private set; }

    public PagedList<SeekerSummary>? Seekers { get; private set; }

    /// <summary>True when the list answers a NIK or phone search (a POST): no paging links, no query string.</summary>
    public bool IdentitySearch { get; private set; }

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public IReadOnlyDictionary<long, string> Offices { get; private set; } = new Dictionary<long, string>();

    public Labels Labels { get; private set; } = null!;

    /// <summary>Only staff and admins look seekers up by NIK or phone (the handler refuses instructors).</summary>
    public bool CanSearchIdentity => Caller.IsStaff || Caller.IsAdmin;

    public bool ShowOffice => Caller.IsAdmin;

    /// <summary>Today in Balikpapan, to mark an overdue six-monthly report.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Formats.InWita(time.GetUtcNow()).DateTime);

    public static readonly string[] Statuses = ["active", "placed", "inactive"];

    public static readonly string[] EducationLevels =
        ["none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3"];

    public static readonly string[] Sorts = ["-registeredOn", "fullName", "ak1Number"];

    public async Task<IActionResult> OnGetAsync([FromQuery] SeekerQuery query)
    {
        await LoadChoicesAsync();
        Filter = new SeekerFilter(Status: Blank(query.Status), OfficeId: ShowOffice ? query.OfficeId : null,
            RegionCode: Blank(query.RegionCode), EducationLevel: Blank(query.EducationLevel), Name: Blank(query.Name),
            ConsentToMatching: query.ConsentToMatching, Ak1Number: Blank(query.Ak1Number));
        Sort = query.Sort is { } sort && Sorts.Contains(sort) ? sort : null;
        if (!BindingSucceeded())
        {
            return Page();
        }

        return await ListAsync(new PageQuery(query.Page, PageSize, Sort ?? Sorts[0]));
    }

    /// <summary>Cari berdasarkan NIK atau nomor HP: exact, through the blind index.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "nik")] string? nik,
        [FromForm(Name = "phone")] string? phone)
    {
        if (!CanSearchIdentity)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await LoadChoicesAsync();
        IdentitySearch = true;
        nik = Blank(nik) is { } n ? string.Concat(n.Where(c => !char.IsWhiteSpace(c))) : null;
        phone = Blank(phone);
        if (nik is null && phone is null)
        {
            Errors["nik"] = [text["Search.NeedOne"]];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Filter = new SeekerFilter(Nik: nik, Phone: phone);
        var result = await ListAsync(new PageQuery(1, PageSize, Sorts[0]));
        if (Errors.Count > 0)
        {
            // Say what is wrong in the officer's words, without the number.
            if (HasError("nik"))
            {
                Errors["nik"] = [text["Search.BadNik"]];
            }

            if (HasError("phone"))
            {
                Errors["phone"] = [text["Search.BadPhone"]];
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return result;
    }

    private async Task<IActionResult> ListAsync(PageQuery page)
    {
        var ct = HttpContext.RequestAborted;
        AddErrors(await Handlers.ValidateAsync(Filter, HttpContext));
        AddErrors(await Handlers.ValidateAsync(page, HttpContext));
        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = Handlers.Outcome<PagedList<SeekerSummary>>(
            await SeekerReading.List(Filter, page, Caller, db, protector, time, ct));
        if (outcome is HandlerOutcome<PagedList<SeekerSummary>>.Success success)
        {
            Seekers = success.Value;
            return Page();
        }

        return Unsuccessful(outcome, Page);
    }

    private async Task LoadChoicesAsync()
    {
        var ct = HttpContext.RequestAborted;
        Labels = await reference.LoadAsync(ct);
        Regions = (await reference.RegionsAsync(ct)).Where(r => r.Code.StartsWith("64.", StringComparison.Ordinal))
            .ToList();
        if (ShowOffice)
        {
            var offices = Handlers.Outcome<PagedList<Office>>(await OfficesApi.List(new OfficeFilter(null, null),
                new PageQuery(1, PageQuery.MaxPageSize, "name"), db, ct)).ValueOrDefault?.Items ?? [];
            Offices = offices.ToDictionary(o => o.Id, o => o.Name);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The list's query string as the filter form sends it (the API's names).</summary>
    public sealed record SeekerQuery(int? Page, string? Name, string? Ak1Number, string? Status,
        string? EducationLevel, string? RegionCode, long? OfficeId, bool? ConsentToMatching, string? Sort);
}
