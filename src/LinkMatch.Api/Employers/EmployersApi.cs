using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Employers;

/// <summary>DUDI (dunia usaha dan dunia industri): a company that signs MoUs and posts vacancies. The contact fields
/// are null for instructors, who may see who an employer is but not how to reach its people. <c>Workforce</c> is the
/// number of workers the employer stated (null: unknown) and <c>WorkforceAsOf</c> the day it was stated;
/// <c>Ownership</c> — private, government (a government body), bumn or bumd — sets the disability quota of UU 8/2016
/// (1 % private, 2 % the others).</summary>
public sealed record Employer(long Id, string Name, string KbliCode, string Address, string RegionCode,
    string? ContactName, string? ContactEmail, string? ContactPhone, int? Workforce, DateOnly? WorkforceAsOf,
    string Ownership, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record EmployerRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string Name,
    [property: Required, StringLength(5), RegularExpression("^([A-U]|[0-9]{2,5})$",
        ErrorMessage = "Use a KBLI 2020 code such as '05100' (or a section letter or a 2- to 4-digit group).")]
    string KbliCode,
    [property: Required, StringLength(500, MinimumLength = 5), FreeText] string Address,
    [property: Required, StringLength(5)] string RegionCode,
    [property: StringLength(200)] string? ContactName = null,
    [property: StringLength(254)] string? ContactEmail = null,
    [property: StringLength(32)] string? ContactPhone = null,
    [property: Range(0, 10_000_000)] int? Workforce = null,
    DateOnly? WorkforceAsOf = null,
    [property: OneOf("private", "government", "bumn", "bumd")] string? Ownership = null);

/// <summary>Filters: <c>q</c> searches the name; <c>kbliCode</c> matches a code and everything under it;
/// <c>officeId</c> keeps employers with an MoU with that office.</summary>
public sealed record EmployerFilter(
    [property: StringLength(100)] string? Q = null,
    [property: StringLength(5)] string? KbliCode = null,
    [property: StringLength(5)] string? RegionCode = null,
    [property: Id] long? OfficeId = null);

/// <summary>Employers are readable by every caller (an employer reads only itself); staff and admins register and
/// update them. API keys for an employer are issued by admins or by staff of an office with an MoU with it.</summary>
public static class EmployersApi
{
    internal const string Columns = """
        id, name, kbli_code, address, region_code,
        case when @ShowContacts then contact_name end as contact_name,
        case when @ShowContacts then contact_email end as contact_email,
        case when @ShowContacts then contact_phone end as contact_phone,
        workforce, workforce_as_of, ownership, created_at, updated_at
        """;

    public static IEndpointRouteBuilder MapEmployersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/employers").WithTags("Employers");
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/", EmployerQueries.List).WithSummary("Employers (DUDI) the caller may see, filtered and paged.");
        read.MapGet("/{id:long}", EmployerQueries.Get).WithSummary("An employer (DUDI).");

        var staff = group.MapGroup("").RequireAuthorization(Policies.Staff);
        staff.MapPost("/", SaveEmployer.Create).WithSummary("Register an employer (DUDI).");
        staff.MapPut("/{id:long}", SaveEmployer.Update).WithSummary("Change an employer's registration.");
        staff.MapPost("/{id:long}/api-keys", EmployerApiKeys.Issue)
            .WithSummary("Issue an API key for the employer; the key is shown once.");
        staff.MapGet("/{id:long}/api-keys", EmployerApiKeys.List)
            .WithSummary("The employer's API keys (prefix, creation, last use, revocation), never the keys.");
        staff.MapPost("/{id:long}/api-keys/{keyId:long}/revoke", EmployerApiKeys.Revoke)
            .WithSummary("Revoke an employer's API key at once.");
        return app;
    }

    /// <summary>Instructors never see an employer's contact people.</summary>
    internal static bool ShowContacts(Caller caller) => !caller.IsInstructor;
}
