using LinkMatch.Api.Http;
namespace LinkMatch.Api.Worklist;

/// <summary>What needs a placement officer's action today, in their office (admins: every office, or the one
/// asked for). Counts and vacancies only: no person is named, so reading it reads no personal data.</summary>
public sealed record Worklist(
    DateOnly Today,
    int VacanciesToReview,
    IReadOnlyList<VacancyToReview> Vacancies,
    ReferralsAwaiting Referrals,
    IReadOnlyList<ExpiringMou> ExpiringMous,
    Registrations Registrations);

/// <summary>An open vacancy with proposed suggestions nobody has reviewed yet (of the office's seekers).</summary>
public sealed record VacancyToReview(long VacancyId, string Title, string Type, string EmployerName, int OpeningsLeft,
    DateOnly ClosesOn, int Proposed, DateTimeOffset OldestProposedAt);

/// <summary>Referred candidates whose outcome the employer has not reported yet: approved (no interview yet) or
/// interviewing; <c>Stale</c> of them referred more than <see cref="WorklistQuery.StaleAfterDays"/> days ago.</summary>
public sealed record ReferralsAwaiting(int Total, int Approved, int Interviewing, int Stale,
    IReadOnlyList<AwaitingReferral> Oldest);

public sealed record AwaitingReferral(long SuggestionId, string Status, long VacancyId, string VacancyTitle,
    string EmployerName, DateTimeOffset ReferredAt, DateTimeOffset? InterviewAt);

/// <summary>An MoU in force that ends within <see cref="WorklistQuery.ExpiringWithinDays"/> days.</summary>
public sealed record ExpiringMou(long MouId, string Number, string PartyName, DateOnly ValidUntil, int DaysLeft);

/// <summary>Job seekers registered (AK/1) today, in the last 7 and in the last 30 days.</summary>
public sealed record Registrations(int Today, int Last7Days, int Last30Days);

/// <summary>Admins may look at one office's worklist.</summary>
public sealed record WorklistFilter([property: Id] long? OfficeId = null);
