using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Mous;

/// <summary>Nota kesepahaman: an office's partnership with an employer (DUDI), a training centre (BLK), a university
/// (perguruan tinggi) or another government body. <see cref="PartnerKind"/> says which: employer, training_centre,
/// university or government. <see cref="Status"/> is derived from the dates: active, expired (past
/// <see cref="ValidUntil"/>) or terminated (from <see cref="TerminatedOn"/>).</summary>
public sealed record Mou(long Id, string Number, long OfficeId, long? EmployerId, long? TrainingCentreId,
    string PartyName, string[] Scopes, DateOnly SignedOn, DateOnly ValidUntil, DateOnly? TerminatedOn,
    string? TerminationReason, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string PartnerKind);

public sealed record CreateMouRequest(
    [property: Required, StringLength(100, MinimumLength = 3)] string Number,
    [property: Id] long OfficeId,
    [property: Required, MinLength(1), MaxLength(3), OneOf(MousApi.Placement, MousApi.Apprenticeship, MousApi.Training)]
    string[] Scopes,
    DateOnly SignedOn,
    DateOnly ValidUntil,
    [property: Id] long? EmployerId = null,
    [property: Id] long? TrainingCentreId = null,
    [property: OneOf(MousApi.University, MousApi.Government)] string? PartnerKind = null,
    [property: StringLength(200, MinimumLength = 3)] string? PartnerName = null);

/// <summary>The parties of an MoU are fixed; a different party is a different MoU.</summary>
public sealed record UpdateMouRequest(
    [property: Required, StringLength(100, MinimumLength = 3)] string Number,
    [property: Required, MinLength(1), MaxLength(3), OneOf(MousApi.Placement, MousApi.Apprenticeship, MousApi.Training)]
    string[] Scopes,
    DateOnly SignedOn,
    DateOnly ValidUntil);

/// <summary>Without a date the termination takes effect today; a later date leaves the MoU active until then.</summary>
public sealed record TerminateMouRequest(
    [property: Required, StringLength(1000, MinimumLength = 3), FreeText] string Reason,
    DateOnly? TerminatedOn = null);

public sealed record MouFilter(
    [property: Id] long? OfficeId = null,
    [property: Id] long? EmployerId = null,
    [property: Id] long? TrainingCentreId = null,
    [property: OneOf(MousApi.Active, MousApi.Expired, MousApi.Terminated)] string? Status = null,
    [property: OneOf(MousApi.Placement, MousApi.Apprenticeship, MousApi.Training)] string? Scope = null,
    [property: OneOf(MousApi.EmployerPartner, MousApi.TrainingCentrePartner, MousApi.University, MousApi.Government)]
    string? PartnerKind = null,
    DateOnly? SignedFrom = null,
    DateOnly? SignedTo = null);

/// <summary>Admins manage MoUs. Everyone else reads the MoUs they are party to: staff their office's, an instructor
/// their training centre's, an employer its own; any other MoU answers 404. A university or government partner is
/// named on the MoU (partnerKind, partnerName): it holds no account and posts no vacancies. Commitments and
/// activities: <see cref="CommitmentsApi"/>.</summary>
public static class MousApi
{
    public const string Placement = "placement";
    public const string Apprenticeship = "apprenticeship";
    public const string Training = "training";
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Terminated = "terminated";
    public const string EmployerPartner = "employer";
    public const string TrainingCentrePartner = "training_centre";
    public const string University = "university";
    public const string Government = "government";

    internal const string Columns = $"""
        m.id, m.number, m.office_id, m.employer_id, m.training_centre_id,
        coalesce(e.name, tc.name, m.partner_name) as party_name, m.scopes, m.signed_on, m.valid_until,
        m.terminated_on, m.termination_reason, mou_status(m.valid_until, m.terminated_on) as status, m.created_at,
        m.updated_at, {PartnerKindSql} as partner_kind
        """;

    /// <summary>The kind of counterparty of an MoU row <c>m</c>.</summary>
    internal const string PartnerKindSql = """
        case when m.employer_id is not null then 'employer'
             when m.training_centre_id is not null then 'training_centre'
             else m.partner_kind end
        """;

    internal const string From = """
        from mous m
        left join employers e on e.id = m.employer_id
        left join training_centres tc on tc.id = m.training_centre_id
        """;

    internal const string Scope = """
        (@ScopeOfficeId::bigint is null or m.office_id = @ScopeOfficeId)
        and (@ScopeEmployerId::bigint is null or m.employer_id = @ScopeEmployerId)
        and (@ScopeTrainingCentreId::bigint is null or m.training_centre_id = @ScopeTrainingCentreId)
        """;

    public static IEndpointRouteBuilder MapMousApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/mous").WithTags("MoUs");
        var read = group.MapGroup("").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/", MouQueries.List).WithSummary("MoUs the caller is party to or oversees, filtered and paged.");
        read.MapGet("/{id:long}", MouQueries.Get).WithSummary("An MoU with its parties and terms.");
        var write = group.MapGroup("").RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", SaveMou.Create)
            .WithSummary("Record a partnership agreement (MoU) between a BLK or office and an employer.");
        write.MapPut("/{id:long}", SaveMou.Update).WithSummary("Change an MoU's terms or dates.");
        write.MapPost("/{id:long}/terminate", SaveMou.Terminate).WithSummary("End an MoU before its end date.");
        group.MapCommitments();
        return app;
    }

    /// <summary>The SQL parameters that limit a caller to the MoUs they are party to (all null for admins).</summary>
    internal static (long? ScopeOfficeId, long? ScopeEmployerId, long? ScopeTrainingCentreId) ScopeOf(Caller caller) =>
        caller.Role switch
        {
            Roles.Admin => (null, null, null),
            Roles.Staff => (caller.OfficeId ?? -1, null, null),
            Roles.Instructor => (null, null, caller.TrainingCentreId ?? -1),
            Roles.Employer => (null, caller.EmployerId ?? -1, null),
            _ => (-1, -1, -1),
        };
}
