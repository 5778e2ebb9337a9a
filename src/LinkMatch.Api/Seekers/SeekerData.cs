using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.PersonalData;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>A seekers row as stored: personal data still encrypted. Mapped by property, because Dapper's constructor
/// matching sees <c>text[]</c> columns as <see cref="Array"/>.</summary>
internal sealed record SeekerRow
{
    public long Id { get; init; }
    public long OfficeId { get; init; }
    public string? Ak1Number { get; init; }
    public byte[]? NikCipher { get; init; }
    public byte[]? NikHash { get; init; }
    public string? NikRegion { get; init; }
    public string? FullName { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Sex { get; init; }
    public string EducationLevel { get; init; } = "";
    public string? EducationMajor { get; init; }
    public string RegionCode { get; init; } = "";
    public byte[]? PhoneCipher { get; init; }
    public byte[]? PhoneHash { get; init; }
    public byte[]? EmailCipher { get; init; }
    public byte[]? EmailHash { get; init; }
    public string? Disability { get; init; }
    public long? ExpectedWage { get; init; }
    public bool WillingToRelocate { get; init; }
    public string Status { get; init; } = "";
    public DateOnly RegisteredOn { get; init; }
    public DateOnly? LastReportedOn { get; init; }
    public DateTimeOffset? ErasedAt { get; init; }
    public bool ConsentToMatching { get; init; }
    public string[] PreferredOccupations { get; init; } = [];
    public string[] PreferredRegions { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool Erased => Status == "erased";
}

/// <summary>Loads seekers within the caller's scope.</summary>
internal static class SeekerData
{
    public const string ConsentOpen = """
        exists (select 1 from seeker_consents sc
                where sc.seeker_id = s.id and sc.purpose = 'matching' and sc.withdrawn_at is null)
        """;

    public const string Columns = $"""
        s.id, s.office_id, s.ak1_number, s.nik_cipher, s.nik_hash, s.nik_region, s.full_name, s.birth_date, s.sex,
        s.education_level, s.education_major, s.region_code, s.phone_cipher, s.phone_hash, s.email_cipher,
        s.email_hash, s.disability, s.expected_wage, s.willing_to_relocate, s.status, s.registered_on,
        s.last_reported_on, s.erased_at, {ConsentOpen} as consent_to_matching,
        array(select p.occupation_code from seeker_preferred_occupations p where p.seeker_id = s.id
              order by p.occupation_code) as preferred_occupations,
        array(select p.region_code from seeker_preferred_regions p where p.seeker_id = s.id
              order by p.region_code) as preferred_regions,
        s.created_at, s.updated_at
        """;

    private const string CompetenciesSql = """
        select sc.competency_id, c.code, c.title, sc.level::int as level, sc.evidence, sc.years, sc.source
        from seeker_competencies sc join competencies c on c.id = sc.competency_id
        where sc.seeker_id = @id
        order by c.code
        """;

    private const string ConsentsSql = """
        select id, purpose, granted_at, channel, evidence, recorded_by, withdrawn_at, withdrawal_channel,
               withdrawal_recorded_by
        from seeker_consents where seeker_id = @id
        order by granted_at desc, id desc
        """;

    /// <summary>The seeker if the caller may see it (erased ones included: callers answer 410 for those);
    /// <paramref name="forUpdate"/> locks the row for a change.</summary>
    public static Task<SeekerRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Caller caller, long id,
        bool forUpdate, CancellationToken ct)
    {
        var sql = $"""
            select {Columns} from seekers s
            where s.id = @id and {SeekerScope.Sql(caller)}
            {(forUpdate ? "for update of s" : "")}
            """;
        return conn.QuerySingleOrDefaultAsync<SeekerRow>(new CommandDefinition(sql,
            SeekerScope.Parameters(caller, new { id }), tx, cancellationToken: ct));
    }

    public static async Task<IReadOnlyList<SeekerCompetency>> CompetenciesAsync(NpgsqlConnection conn,
        NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        (await conn.QueryAsync<SeekerCompetency>(new CommandDefinition(CompetenciesSql, new { id }, tx,
            cancellationToken: ct))).AsList();

    public static async Task<IReadOnlyList<SeekerConsent>> ConsentsAsync(NpgsqlConnection conn,
        NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        (await conn.QueryAsync<SeekerConsent>(new CommandDefinition(ConsentsSql, new { id }, tx,
            cancellationToken: ct))).AsList();

    /// <summary>The seeker as <paramref name="view"/> allows, with competencies and consent history.</summary>
    public static async Task<Seeker> DetailAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, SeekerRow row,
        string view, PersonalDataProtector protector, DateOnly today, CancellationToken ct)
    {
        var competencies = await CompetenciesAsync(conn, tx, row.Id, ct);
        var consents = view == SeekerViews.Restricted ? [] : await ConsentsAsync(conn, tx, row.Id, ct);
        return SeekerViews.Build(row, competencies, consents, view, protector, today);
    }
}

/// <summary>Builds what each view shows from a stored row.</summary>
internal static class SeekerViews
{
    public const string Full = "full";
    public const string Masked = "masked";
    public const string Restricted = "restricted";

    public static Seeker Build(SeekerRow r, IReadOnlyList<SeekerCompetency> competencies,
        IReadOnlyList<SeekerConsent> consents, string view, PersonalDataProtector protector, DateOnly today)
    {
        var full = view == Full;
        var restricted = view == Restricted;
        var phone = restricted ? null : protector.DecryptOrNull(PersonalField.Phone, r.PhoneCipher);
        var email = restricted ? null : protector.DecryptOrNull(PersonalField.Email, r.EmailCipher);
        return new Seeker(
            r.Id, r.OfficeId, r.Ak1Number,
            full ? protector.Decrypt(PersonalField.Nik, r.NikCipher!) : Masking.Nik(r.NikRegion),
            view, r.FullName!, full ? r.BirthDate : null, Masking.AgeBand(r.BirthDate!.Value, today), r.Sex!,
            r.EducationLevel, r.EducationMajor, r.RegionCode,
            full ? phone : Masking.Phone(phone), full ? email : Masking.Email(email),
            r.Disability, r.PreferredOccupations, r.PreferredRegions, r.ExpectedWage, r.WillingToRelocate, r.Status,
            r.RegisteredOn, r.LastReportedOn, Ak1ValidUntil(r.RegisteredOn), NextReportDue(r),
            r.ConsentToMatching, competencies, consents, r.CreatedAt, r.UpdatedAt);
    }

    public static SeekerSummary Summary(SeekerRow r, DateOnly today) => new(
        r.Id, r.OfficeId, r.Ak1Number, Masking.Nik(r.NikRegion), r.FullName!, r.Sex!,
        Masking.AgeBand(r.BirthDate!.Value, today), r.EducationLevel, r.RegionCode, r.Status, r.RegisteredOn,
        Ak1ValidUntil(r.RegisteredOn), NextReportDue(r), r.ConsentToMatching);

    /// <summary>An AK/1 card is valid for two years.</summary>
    public static DateOnly Ak1ValidUntil(DateOnly registeredOn) => registeredOn.AddYears(2);

    /// <summary>Active holders report every six months, counted from the last report or registration.</summary>
    public static DateOnly? NextReportDue(SeekerRow r) =>
        r.Status == "active" ? (r.LastReportedOn ?? r.RegisteredOn).AddMonths(6) : null;
}
