using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Workflow;

/// <summary>Status of a suggestion (saran). Matching writes <see cref="Proposed"/> and <see cref="Expired"/>; the
/// others are people's acts (see README.md for the state diagram).</summary>
public static class SuggestionStatuses
{
    public const string Proposed = "proposed";
    public const string Expired = "expired";

    /// <summary>Disetujui: approved by staff, which refers (merujuk) the candidate to the employer.</summary>
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string InterviewScheduled = "interview_scheduled";
    public const string Hired = "hired";
    public const string NotHired = "not_hired";

    /// <summary>The statuses of a candidate referred to the employer: what employers may see.</summary>
    public static readonly string[] Referred = [Approved, InterviewScheduled, Hired, NotHired];

    /// <summary>The statuses matching writes; a pair in any other status was acted on by a person.</summary>
    public static readonly string[] ByMatching = [Proposed, Expired];

    /// <summary>Every status: the set the database's check on <c>suggestions.status</c> allows (db/0012). SQL takes
    /// these names as parameters (<c>status = @Proposed</c>, <c>status = any(@Referred)</c>), never as
    /// literals.</summary>
    public static readonly string[] All = [.. ByMatching, Rejected, .. Referred];
}

/// <summary>Why staff reject a proposed suggestion.</summary>
public static class RejectReasons
{
    public const string NotInterested = "not_interested";
    public const string AlreadyWorking = "already_working";
    public const string LacksCompetence = "lacks_competence";
    public const string Location = "location";
    public const string Wage = "wage";
    public const string Other = "other";
}

/// <summary>Why a referred candidate was not hired.</summary>
public static class NotHiredReasons
{
    public const string CandidateDeclined = "candidate_declined";
    public const string LacksCompetence = "lacks_competence";
    public const string Wage = "wage";
    public const string NoShow = "no_show";
    public const string PositionFilled = "position_filled";
    public const string Other = "other";
}

/// <summary>Rejecting a proposed suggestion: a reason code, and a note (required when the reason is 'other').</summary>
public sealed record RejectRequest(
    [property: Required, OneOf(RejectReasons.NotInterested, RejectReasons.AlreadyWorking,
        RejectReasons.LacksCompetence, RejectReasons.Location, RejectReasons.Wage, RejectReasons.Other)]
    string ReasonCode,
    [property: StringLength(WorkflowLimits.NoteLength), FreeText] string? Note = null);

/// <summary>An interview was scheduled with the referred candidate (wawancara).</summary>
public sealed record InterviewRequest(
    DateTimeOffset InterviewAt,
    [property: StringLength(WorkflowLimits.NoteLength), FreeText] string? Note = null);

/// <summary>The referred candidate was not hired.</summary>
public sealed record NotHiredRequest(
    [property: Required, OneOf(NotHiredReasons.CandidateDeclined, NotHiredReasons.LacksCompetence,
        NotHiredReasons.Wage, NotHiredReasons.NoShow, NotHiredReasons.PositionFilled, NotHiredReasons.Other)]
    string ReasonCode,
    [property: StringLength(WorkflowLimits.NoteLength), FreeText] string? Note = null);

/// <summary>The referred candidate was hired. A job takes <see cref="MonthlyWage"/>; an apprenticeship takes the
/// agreement's <see cref="DurationMonths"/> and <see cref="MonthlyStipend"/> (uang saku), which default to the
/// vacancy's. <see cref="StartDate"/> defaults to today.</summary>
public sealed record HireRequest(
    DateOnly? StartDate = null,
    [property: Range(0d, 1e12)] long? MonthlyWage = null,
    [property: Range(1, WorkflowLimits.MaxApprenticeshipMonths)] int? DurationMonths = null,
    [property: Range(0d, 1e12)] long? MonthlyStipend = null,
    [property: StringLength(WorkflowLimits.NoteLength), FreeText] string? Note = null);

/// <summary>Limits of the workflow's input.</summary>
public static class WorkflowLimits
{
    public const int NoteLength = 2000;

    /// <summary>Permenaker 6/2020 limits an apprenticeship to one year (DOMAIN.md marks this as not confirmed; the
    /// database check in db/0012 holds the same number).</summary>
    public const int MaxApprenticeshipMonths = 12;
}

/// <summary>An apprenticeship agreement (perjanjian pemagangan) recorded with the hire, waiting for the office to
/// ratify it (disahkan) until <see cref="RatifiedAt"/> is set.</summary>
public sealed record ApprenticeshipAgreement(int DurationMonths, long? MonthlyStipend, DateTimeOffset? RatifiedAt);

/// <summary>Where a suggestion stands after a transition: no personal data.</summary>
public sealed record WorkflowState(long Id, string Kind, string Status, long VacancyId, long SeekerId,
    DateTimeOffset? ReferredAt, DateTimeOffset? InterviewAt, string? ReasonCode, long? PlacementId,
    ApprenticeshipAgreement? Agreement, DateTimeOffset UpdatedAt);

/// <summary>One transition in a suggestion's history.</summary>
public sealed record SuggestionEvent(long Id, string Action, string FromStatus, string ToStatus, string? ReasonCode,
    string? Note, string ActorKind, string ActorName, DateTimeOffset At);

/// <summary>The referred (or suggested) person as the caller may see them: employers get the name, age band,
/// education, region and the contact details of candidates referred to them, never the NIK or birth date.</summary>
public sealed record Candidate(long SeekerId, string FullName, string Nik, string AgeBand, string Sex,
    string EducationLevel, string RegionCode, string? Phone, string? Email);

/// <summary>One suggestion in a list: the staff's list of their office's suggestions, or an employer's referrals.</summary>
public sealed record SuggestionListItem(long Id, string Kind, string Status, long VacancyId, string VacancyTitle,
    long EmployerId, string EmployerName, Candidate Candidate, DateTimeOffset? ReferredAt, DateTimeOffset? InterviewAt,
    string? ReasonCode, long? PlacementId, DateTimeOffset UpdatedAt);

/// <summary>A suggestion with its candidate, explanation summary and history.</summary>
public sealed record SuggestionDetail(long Id, string Kind, string Status, double Score, int Rank, string Summary,
    long VacancyId, string VacancyTitle, string VacancyStatus, long EmployerId, string EmployerName,
    Candidate Candidate, DateTimeOffset? ReferredAt, DateTimeOffset? InterviewAt, string? ReasonCode,
    long? PlacementId, ApprenticeshipAgreement? Agreement, IReadOnlyList<SuggestionEvent> History,
    DateTimeOffset UpdatedAt);

/// <summary>Filters of the lists: <c>status</c> one or more of the suggestion statuses, repeated
/// (<c>?status=approved&amp;status=interview_scheduled</c>: the referrals still waiting for an outcome).</summary>
public sealed record SuggestionListFilter(
    [property: Id] long? VacancyId = null,
    [property: Id] long? SeekerId = null,
    [property: OneOf(SuggestionStatuses.Proposed, SuggestionStatuses.Expired, SuggestionStatuses.Approved,
        SuggestionStatuses.Rejected, SuggestionStatuses.InterviewScheduled, SuggestionStatuses.Hired,
        SuggestionStatuses.NotHired), MaxLength(7)] string[]? Status = null,
    [property: OneOf("job", "apprenticeship")] string? Kind = null);
