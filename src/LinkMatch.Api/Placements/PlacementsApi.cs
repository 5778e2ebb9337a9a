using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Placements;

/// <summary>Penempatan: a seeker hired into a vacancy. <see cref="SeekerName"/> is personal data, shown to staff and
/// admins only (each such read is audited); employers see the seeker's id.</summary>
public sealed record Placement(long Id, long SeekerId, string? SeekerName, long VacancyId, string VacancyTitle,
    long EmployerId, string EmployerName, long OfficeId, string Type, DateOnly StartDate, long? Wage, string Source,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Recording a hire. The type and employer come from the vacancy; <see cref="Source"/> says whether it
/// followed a LinkMatch suggestion or came about directly.</summary>
public sealed record CreatePlacementRequest(
    [property: Id] long SeekerId,
    [property: Id] long VacancyId,
    DateOnly StartDate,
    [property: Required, OneOf(PlacementsApi.Suggestion, PlacementsApi.Direct)] string Source,
    [property: Range(0d, 1e12)] long? Wage = null);

public sealed record UpdatePlacementRequest(DateOnly StartDate, [property: Range(0d, 1e12)] long? Wage = null);

/// <summary>Filters: <c>officeId</c> is the vacancy's office; <c>startFrom</c>/<c>startTo</c> bound the start
/// date.</summary>
public sealed record PlacementFilter(
    [property: Id] long? OfficeId = null,
    [property: Id] long? EmployerId = null,
    [property: Id] long? VacancyId = null,
    [property: Id] long? SeekerId = null,
    [property: OneOf("job", "apprenticeship")] string? Type = null,
    [property: OneOf(PlacementsApi.Suggestion, PlacementsApi.Direct)] string? Source = null,
    DateOnly? StartFrom = null,
    DateOnly? StartTo = null);

/// <summary>Staff record placements into their office's vacancies (admins into any); employers read the placements
/// on their own vacancies but record none themselves. Instructors have no access to placements.</summary>
public static class PlacementsApi
{
    public const string Suggestion = "suggestion";
    public const string Direct = "direct";

    public static IEndpointRouteBuilder MapPlacementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/placements").WithTags("Placements");
        var read = group.MapGroup("").RequireAuthorization(Policies.StaffOrEmployer);
        read.MapGet("/", PlacementQueries.List)
            .WithSummary("Placements, filtered by seeker, vacancy, employer and dates.");
        read.MapGet("/{id:long}", PlacementQueries.Get).WithSummary("A placement.");
        var write = group.MapGroup("").RequireAuthorization(Policies.Staff);
        write.MapPost("/", CreatePlacement.Create).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record a placement made outside the suggestion workflow.");
        write.MapPut("/{id:long}", UpdatePlacement.Update).WithSummary("Record how a placement ended or correct it.");
        return app;
    }

    /// <summary>The SQL parameters that limit a caller to its placements: staff to their office's vacancies, an
    /// employer to its own; and whether it may see seekers' names.</summary>
    internal static (long? ScopeOfficeId, long? ScopeEmployerId, bool ShowNames) ScopeOf(Caller caller) =>
        caller.Role switch
        {
            Roles.Admin => (null, null, true),
            Roles.Staff => (caller.OfficeId ?? -1, null, true),
            Roles.Employer => (null, caller.EmployerId ?? -1, false),
            _ => (-1, -1, false),
        };

    internal const string Scope = """
        (@ScopeOfficeId::bigint is null or v.office_id = @ScopeOfficeId)
        and (@ScopeEmployerId::bigint is null or p.employer_id = @ScopeEmployerId)
        """;
}
