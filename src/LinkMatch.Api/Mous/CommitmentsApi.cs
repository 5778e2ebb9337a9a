using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Mous;

/// <summary>Butir kerja sama: what one side of an MoU committed to deliver over a period, with a target where it has
/// one. <see cref="Source"/> says where its realisation comes from: <c>registry</c> (placements, apprenticeships,
/// enrolments or certificates the registry holds) or <c>activities</c> (what staff record). Reports/README.md, "MoU
/// scorecard", defines both.</summary>
public sealed record Commitment(long Id, long MouId, string Kind, int? Target, DateOnly StartsOn, DateOnly EndsOn,
    string OwedBy, string Description, string Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A commitment as written: without dates it runs over the MoU's whole term; dates given lie within that
/// term.</summary>
public sealed record CommitmentRequest(
    [property: Required, OneOf(CommitmentsApi.Placements, CommitmentsApi.Apprenticeships, CommitmentsApi.TrainingSeats,
        CommitmentsApi.Certifications, CommitmentsApi.Instructors, CommitmentsApi.FacilityUse, CommitmentsApi.FieldStudy,
        CommitmentsApi.Other)] string Kind,
    [property: Required, OneOf(CommitmentsApi.Office, CommitmentsApi.Partner)] string OwedBy,
    [property: Required, StringLength(1000, MinimumLength = 3), FreeText] string Description,
    [property: Range(0, 1_000_000)] int? Target = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null);

/// <summary>Kegiatan: work done under a commitment on a day (an instructor exchange, a field visit), with how much
/// and where the evidence is kept.</summary>
public sealed record Activity(long Id, long CommitmentId, DateOnly OccurredOn, int Quantity, string Note,
    string? Evidence, string RecordedBy, DateTimeOffset CreatedAt);

/// <summary>An activity as recorded: on a day within the commitment's period and not after today.</summary>
public sealed record ActivityRequest(
    DateOnly OccurredOn,
    [property: Range(0, 1_000_000)] int Quantity,
    [property: Required, StringLength(1000, MinimumLength = 3), FreeText] string Note,
    [property: StringLength(500, MinimumLength = 1)] string? Evidence = null);

/// <summary>Commitments and activities of an MoU. Readers are the MoU's readers (another party's MoU answers 404);
/// admins and staff of the MoU's office write them, since staff run the partnership day to day and report it at
/// the forum.</summary>
public static class CommitmentsApi
{
    public const string Placements = "placements";
    public const string Apprenticeships = "apprenticeships";
    public const string TrainingSeats = "training_seats";
    public const string Certifications = "certifications";
    public const string Instructors = "instructors";
    public const string FacilityUse = "facility_use";
    public const string FieldStudy = "field_study";
    public const string Other = "other";
    public const string Office = "office";
    public const string Partner = "partner";
    public const string Registry = "registry";
    public const string Activities = "activities";

    /// <summary>Whether a commitment <c>c</c> of an MoU whose counterparty kind is <c>pk</c> is realised from the
    /// registry: placements and apprenticeships with an employer or of a BLK's graduates; enrolments and
    /// certificates of a BLK's courses. Every other commitment is realised by its activities.</summary>
    internal const string FromRegistrySql = """
        ((c.kind in ('placements', 'apprenticeships') and pk in ('employer', 'training_centre'))
         or (c.kind in ('training_seats', 'certifications') and pk = 'training_centre'))
        """;

    internal const string Columns = $"""
        c.id, c.mou_id, c.kind, c.target, c.starts_on, c.ends_on, c.owed_by, c.description,
        case when {FromRegistrySql} then 'registry' else 'activities' end as source, c.created_at, c.updated_at
        """;

    internal const string From = $"""
        from mou_commitments c
        join lateral (select {MousApi.PartnerKindSql} as pk from mous m where m.id = c.mou_id) p on true
        """;

    public static RouteGroupBuilder MapCommitments(this RouteGroupBuilder group)
    {
        var read = group.MapGroup("/{id:long}/commitments").RequireAuthorization(Policies.AnyCaller);
        read.MapGet("/", CommitmentQueries.List).WithSummary("The MoU's commitments (programme items).");
        read.MapGet("/{cid:long}", CommitmentQueries.Get).WithSummary("One commitment of the MoU.");
        read.MapGet("/{cid:long}/activities", CommitmentQueries.Activities)
            .WithSummary("The activities recorded under a commitment, newest first.");
        var write = group.MapGroup("/{id:long}/commitments").RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/", SaveCommitment.Create)
            .WithSummary("Add a commitment: its kind, target, period (the MoU's term by default) and the side that owes it.");
        write.MapPut("/{cid:long}", SaveCommitment.Update).WithSummary("Change a commitment.");
        write.MapDelete("/{cid:long}", SaveCommitment.Delete)
            .WithSummary("Remove a commitment that has no activities recorded.");
        write.MapPost("/{cid:long}/activities", SaveActivity.Create)
            .WithSummary("Record work done under a commitment: the day, quantity, a note and the evidence's reference.");
        return group;
    }
}
