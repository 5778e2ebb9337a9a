using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Seekers;

namespace LinkMatch.Api.Workflow;

/// <summary>A suggestion row as the reads load it: the suggestion, its vacancy and its seeker's stored data (the
/// NIK ciphertext only when the caller may see it whole).</summary>
internal sealed class SuggestionRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public double Score { get; init; }
    public int Rank { get; init; }
    public string Summary { get; init; } = "";
    public string? SummaryIndonesian { get; init; }
    public long VacancyId { get; init; }
    public string VacancyTitle { get; init; } = "";
    public string VacancyStatus { get; init; } = "";
    public long EmployerId { get; init; }
    public string EmployerName { get; init; } = "";
    public DateTimeOffset? ReferredAt { get; init; }
    public DateTimeOffset? InterviewAt { get; init; }
    public string? ReasonCode { get; init; }
    public long? PlacementId { get; init; }
    public int? DurationMonths { get; init; }
    public long? Stipend { get; init; }
    public DateTimeOffset? RatifiedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long SeekerId { get; init; }
    public string? FullName { get; init; }
    public string? NikRegion { get; init; }
    public byte[]? NikCipher { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Sex { get; init; }
    public string EducationLevel { get; init; } = "";
    public string RegionCode { get; init; } = "";
    public byte[]? PhoneCipher { get; init; }
    public byte[]? EmailCipher { get; init; }
}

/// <summary>What each caller sees of a suggested or referred person. Staff (scoped to the seeker's office) see the
/// whole record; admins the masked one, as in the other suggestion lists; employers — who only ever reach
/// candidates referred to them — the name, age band, education, region and whole phone and e-mail, never the NIK
/// (masked) or the birth date. Every person shown is one 'seeker.read' audit row.</summary>
internal static class CandidateView
{
    public const string Referred = "referred";

    /// <summary>The columns of <see cref="SuggestionRow"/> over <c>suggestions g, seekers s, vacancies v,
    /// employers e</c> and <c>placements p</c> (left joined); <c>@FullNik</c> says whether to read the NIK cipher.</summary>
    public const string Columns = """
        g.id, g.kind, g.status, g.score, g.rank, g.summary, g.summary_indonesian, g.vacancy_id,
        v.title as vacancy_title, v.status as vacancy_status, v.employer_id, e.name as employer_name,
        g.referred_at, g.interview_at, g.reason_code, g.placement_id, p.duration_months, p.wage as stipend,
        p.ratified_at, g.updated_at,
        s.id as seeker_id, s.full_name, s.nik_region, case when @FullNik then s.nik_cipher end as nik_cipher,
        s.birth_date, s.sex, s.education_level, s.region_code, s.phone_cipher, s.email_cipher
        """;

    public const string From = """
        from suggestions g
        join seekers s on s.id = g.seeker_id
        join vacancies v on v.id = g.vacancy_id
        join employers e on e.id = v.employer_id
        left join placements p on p.id = g.placement_id
        """;

    /// <summary>Whether the caller sees the NIK whole: staff, whose scope is their own office's seekers.</summary>
    public static bool FullNik(Caller caller) => caller.IsStaff;

    public static string ViewOf(Caller caller) =>
        caller.IsStaff ? SeekerViews.Full : caller.IsEmployer ? Referred : SeekerViews.Masked;

    public static Candidate Build(SuggestionRow r, Caller caller, PersonalDataProtector protector, DateOnly today)
    {
        var view = ViewOf(caller);
        var phone = protector.DecryptOrNull(PersonalField.Phone, r.PhoneCipher);
        var email = protector.DecryptOrNull(PersonalField.Email, r.EmailCipher);
        var contacts = view != SeekerViews.Masked;
        return new Candidate(r.SeekerId, r.FullName ?? "",
            r.NikCipher is { } nik && view == SeekerViews.Full
                ? protector.Decrypt(PersonalField.Nik, nik)
                : Masking.Nik(r.NikRegion),
            r.BirthDate is { } birth ? Masking.AgeBand(birth, today) : "", r.Sex ?? "", r.EducationLevel,
            r.RegionCode, contacts ? phone : Masking.Phone(phone), contacts ? email : Masking.Email(email));
    }

    public static AuditEntry ReadAudit(SuggestionRow r, Caller caller, string via) =>
        new("seeker.read", "seeker", r.SeekerId, r.SeekerId, new { view = ViewOf(caller), via, suggestionId = r.Id });
}
