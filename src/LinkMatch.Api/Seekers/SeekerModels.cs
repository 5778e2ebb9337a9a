using System.ComponentModel.DataAnnotations;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Seekers;

/// <summary>Pencari kerja as registered on an AK/1 card. <c>nik</c>, <c>phone</c> and <c>email</c> are whole only
/// for staff of the seeker's office reading it with GET; everyone else (and every write response) gets them masked.
/// Instructors get no phone, e-mail or birth date, only an age band. <c>view</c> says which of <c>full</c>,
/// <c>masked</c> or <c>restricted</c> the answer is. An AK/1 card is valid two years from registration
/// (<c>ak1ValidUntil</c>); active holders report every six months (<c>nextReportDue</c>).</summary>
public sealed record Seeker(long Id, long OfficeId, string? Ak1Number, string Nik, string View, string FullName,
    DateOnly? BirthDate, string AgeBand, string Sex, string EducationLevel, string? EducationMajor, string RegionCode,
    string? Phone, string? Email, string? Disability, IReadOnlyList<string> PreferredOccupations,
    IReadOnlyList<string> PreferredRegions, long? ExpectedWage, bool WillingToRelocate, string Status,
    DateOnly RegisteredOn, DateOnly? LastReportedOn, DateOnly Ak1ValidUntil, DateOnly? NextReportDue,
    bool ConsentToMatching, IReadOnlyList<SeekerCompetency> Competencies, IReadOnlyList<SeekerConsent> Consents,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A seeker in a list: the NIK always masked, no contact details or birth date.</summary>
public sealed record SeekerSummary(long Id, long OfficeId, string? Ak1Number, string Nik, string FullName, string Sex,
    string AgeBand, string EducationLevel, string RegionCode, string Status, DateOnly RegisteredOn,
    DateOnly Ak1ValidUntil, DateOnly? NextReportDue, bool ConsentToMatching);

/// <summary>Kompetensi: a unit the seeker holds, at a KKNI-like level 1–9, and how we know.</summary>
public sealed record SeekerCompetency(long CompetencyId, string Code, string Title, int Level, string Evidence,
    decimal Years, string? Source);

/// <summary>Persetujuan: consent to matching, with its proof and, once withdrawn, the withdrawal.</summary>
public sealed record SeekerConsent(long Id, string Purpose, DateTimeOffset GrantedAt, string Channel, string? Evidence,
    string RecordedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalChannel, string? WithdrawalRecordedBy);

/// <summary>Registration (POST) and correction (PUT) of a seeker. <c>officeId</c> is for admins registering
/// (staff register into their own office); <c>status</c> is for updates (new seekers are active). Without
/// <c>ak1Number</c> the card is numbered '&lt;office code&gt;/&lt;year&gt;/&lt;id&gt;'.</summary>
public sealed record SeekerRequest(
    [property: Required, StringLength(16), RegularExpression("^[0-9]{16}$", ErrorMessage = "A NIK has exactly 16 digits.")]
    string Nik,
    [property: Required, StringLength(200, MinimumLength = 2)] string FullName,
    DateOnly BirthDate,
    [property: Required, OneOf("male", "female")] string Sex,
    [property: Required, OneOf("none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3")]
    string EducationLevel,
    [property: Required, StringLength(5, MinimumLength = 2)] string RegionCode,
    [property: Id] long? OfficeId = null,
    [property: StringLength(40, MinimumLength = 3), RegularExpression(@"^[A-Za-z0-9./-]+$",
        ErrorMessage = "Use letters, digits, '.', '/' and '-'.")] string? Ak1Number = null,
    [property: StringLength(200)] string? EducationMajor = null,
    [property: StringLength(30)] string? Phone = null,
    [property: StringLength(254)] string? Email = null,
    [property: StringLength(200)] string? Disability = null,
    [property: MaxLength(20), EachItem(10)] IReadOnlyList<string>? PreferredOccupations = null,
    [property: MaxLength(20), EachItem(5)] IReadOnlyList<string>? PreferredRegions = null,
    [property: Range(0, 1_000_000_000)] long? ExpectedWage = null,
    bool WillingToRelocate = false,
    DateOnly? RegisteredOn = null,
    DateOnly? LastReportedOn = null,
    [property: OneOf("active", "placed", "inactive")] string? Status = null);

/// <summary>Filters of the seeker list. <c>nik</c>, <c>phone</c> and <c>email</c> are exact (blind index);
/// <c>ak1Number</c> is the exact AK/1 card number; <c>name</c> a part of the name.</summary>
public sealed record SeekerFilter(
    [property: OneOf("active", "placed", "inactive")] string? Status = null,
    [property: Id] long? OfficeId = null,
    [property: StringLength(5)] string? RegionCode = null,
    [property: OneOf("none", "sd", "smp", "sma", "smk", "d1", "d2", "d3", "d4", "s1", "s2", "s3")]
    string? EducationLevel = null,
    [property: StringLength(100, MinimumLength = 2)] string? Name = null,
    bool? ConsentToMatching = null,
    [property: StringLength(16)] string? Nik = null,
    [property: StringLength(30)] string? Phone = null,
    [property: StringLength(254)] string? Email = null,
    [property: StringLength(40)] string? Ak1Number = null);

public sealed record CompetenciesRequest([property: Required, MaxLength(100)] IReadOnlyList<CompetencyItem> Items);

public sealed record CompetencyItem(
    [property: Id] long CompetencyId,
    [property: Range(1, 9)] int Level,
    [property: Required, OneOf("certified", "assessed", "trained", "experience", "self_declared")] string Evidence,
    [property: Range(typeof(decimal), "0", "60")] decimal Years = 0,
    [property: StringLength(200)] string? Source = null);

/// <summary>Consent given in person, on a paper form, online or by phone; <c>evidence</c> names the proof (form
/// number, file reference). <c>at</c> defaults to now.</summary>
public sealed record ConsentRequest(
    [property: Required, OneOf("in_person", "paper_form", "online", "phone")] string Channel,
    [property: StringLength(500), FreeText] string? Evidence = null,
    DateTimeOffset? At = null);

/// <summary>Withdrawal of consent, through any channel; <c>at</c> defaults to now.</summary>
public sealed record WithdrawalRequest(
    [property: Required, OneOf("in_person", "paper_form", "online", "phone")] string Channel,
    DateTimeOffset? At = null);

/// <summary>Why a seeker's personal data is erased; the note must not contain personal data.</summary>
public sealed record ErasureRequest(
    [property: Required, OneOf("data_subject_request", "deceased", "duplicate", "retention_expired", "other")]
    string Reason,
    [property: StringLength(500), FreeText] string? Note = null);

/// <summary>What is left after erasure: what aggregate statistics need, nothing that identifies the person.</summary>
public sealed record SeekerTombstone(long Id, long OfficeId, string RegionCode, string EducationLevel,
    DateOnly RegisteredOn, string Status, DateTimeOffset ErasedAt);
