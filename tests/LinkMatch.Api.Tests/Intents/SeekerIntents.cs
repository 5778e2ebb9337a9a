using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Tests.Intents;

public sealed record SeekerBody(string Nik, string FullName, DateOnly BirthDate, string Sex, string EducationLevel,
    string RegionCode, long? OfficeId = null, string? Ak1Number = null, string? EducationMajor = null,
    string? Phone = null, string? Email = null, string? Disability = null, List<string>? PreferredOccupations = null,
    List<string>? PreferredRegions = null, long? ExpectedWage = null, bool WillingToRelocate = false,
    DateOnly? RegisteredOn = null, DateOnly? LastReportedOn = null, string? Status = null);

public sealed record SeekerDto(long Id, long OfficeId, string? Ak1Number, string Nik, string View, string FullName,
    DateOnly? BirthDate, string AgeBand, string Sex, string EducationLevel, string? EducationMajor, string RegionCode,
    string? Phone, string? Email, string? Disability, List<string> PreferredOccupations, List<string> PreferredRegions,
    long? ExpectedWage, bool WillingToRelocate, string Status, DateOnly RegisteredOn, DateOnly? LastReportedOn,
    DateOnly Ak1ValidUntil, DateOnly? NextReportDue, bool ConsentToMatching, List<SeekerCompetencyDto> Competencies,
    List<SeekerConsentDto> Consents);

public sealed record SeekerSummaryDto(long Id, long OfficeId, string? Ak1Number, string Nik, string FullName,
    string Sex, string AgeBand, string EducationLevel, string RegionCode, string Status, DateOnly RegisteredOn,
    DateOnly Ak1ValidUntil, DateOnly? NextReportDue, bool ConsentToMatching);

public sealed record SeekerCompetencyDto(long CompetencyId, string Code, string Title, int Level, string Evidence,
    decimal Years, string? Source);

public sealed record SeekerConsentDto(long Id, string Purpose, DateTimeOffset GrantedAt, string Channel,
    string? Evidence, string RecordedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalChannel,
    string? WithdrawalRecordedBy);

/// <summary>A made-up person whose NIK agrees with their birth date and sex.</summary>
public sealed record Person(string Nik, DateOnly BirthDate, string Sex)
{
    /// <summary>A valid NIK in Kalimantan Timur (province 64) no other test is given (<see cref="Unique.Nik"/>).</summary>
    public static Person New(string? sex = null)
    {
        var random = Random.Shared;
        var female = sex is null ? random.Next(2) == 0 : sex == "female";
        var birth = new DateOnly(1966, 1, 1).AddDays(random.Next(0, 365 * 38));
        var nik = Unique.Nik(string.Create(CultureInfo.InvariantCulture, $"64{random.Next(1, 100):D2}"), birth, female);
        return new Person(nik, birth, female ? "female" : "male");
    }

    public string Phone { get; init; } = $"+62812{Random.Shared.Next(10_000_000, 99_999_999)}";

    public string Email { get; init; } = $"{Guid.NewGuid():N}@example.id";
}

/// <summary>Intent methods for job seekers. The training and placement records of a seeker's history are written
/// in SQL, each saying why; everything else goes through the API.</summary>
public static class SeekerIntents
{
    public static SeekerBody NewSeeker(Person? person = null, string? fullName = null)
    {
        var p = person ?? Person.New();
        return new SeekerBody(p.Nik, fullName ?? Unique.Name("Seeker"), p.BirthDate, p.Sex, "smk", "64.71",
            EducationMajor: "Teknik Pengelasan", Phone: p.Phone, Email: p.Email, PreferredOccupations: ["7212"],
            PreferredRegions: ["64.71", "64.72"], ExpectedWage: 4_500_000, WillingToRelocate: true,
            RegisteredOn: new DateOnly(2025, 1, 15));
    }

    public static async Task<SeekerDto> RegisterAsync(this HttpClient staff, SeekerBody body)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/seekers", body);
        return await response.ReadAsync<SeekerDto>(HttpStatusCode.Created);
    }

    public static async Task<SeekerDto> GetSeekerAsync(this HttpClient client, long id) =>
        await (await client.GetAsync($"/api/v1/seekers/{id}")).ReadAsync<SeekerDto>();

    public static async Task<long> CompetencyIdAsync(this HttpClient client, string code)
    {
        var page = await client.GetFromJsonAsync<PageOf<CompetencyRef>>($"/api/v1/reference/competencies?q={code}");
        return page!.Items.Single(c => c.Code == code).Id;
    }

    /// <summary>A BLK of the office with one course and one cohort (February to April 2025); returns their ids.
    /// Raw SQL: the course teaches no unit, so that <see cref="EnrolAsync"/> and <see cref="AssessAsync"/> can write
    /// the histories the API refuses (below); made by requests it would need an instructor and the course's units.</summary>
    public static async Task<(long TrainingCentreId, long CohortId)> TrainingCentreAsync(this TestApp app, long officeId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        var code = Unique.Code("BLK");
        var centre = await conn.ExecuteScalarAsync<long>("""
            insert into training_centres (code, name, office_id, region_code, address)
            values (@code, 'BLK ' || @code, @officeId, '64.71', 'Jl. Test') returning id
            """, new { code, officeId });
        var course = await conn.ExecuteScalarAsync<long>("""
            insert into courses (training_centre_id, code, title, hours) values (@centre, 'LAS-1', 'Las SMAW', 240)
            returning id
            """, new { centre });
        var cohort = await conn.ExecuteScalarAsync<long>("""
            insert into cohorts (course_id, name, starts_on, ends_on, capacity, instructor_name)
            values (@course, 'Angkatan 1', '2025-02-01', '2025-04-30', 16, 'Instruktur') returning id
            """, new { course });
        return (centre, cohort);
    }

    /// <summary>Enrols the seeker; with a certificate number, completed and certified on 2 May 2025. Raw SQL: a
    /// certificate recorded before any unit is assessed is a state no request can reach (the API certifies only
    /// after a competent assessment and then freezes the assessments), and no instructor client is at hand.</summary>
    public static async Task<long> EnrolAsync(this TestApp app, long cohortId, long seekerId,
        string? certificateNumber = null)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteScalarAsync<long>("""
            insert into enrolments (cohort_id, seeker_id, status, completed_on, certificate_number, certificate_scheme,
                                    certificate_lsp, certificate_issued_on)
            values (@cohortId, @seekerId, case when @certificateNumber::text is null then 'enrolled' else 'completed' end,
                    case when @certificateNumber::text is null then null else date '2025-05-02' end,
                    @certificateNumber,
                    case when @certificateNumber::text is null then null else 'Skema Pengelasan SMAW' end,
                    case when @certificateNumber::text is null then null else 'LSP Pengelasan Indonesia' end,
                    case when @certificateNumber::text is null then null else date '2025-05-02' end)
            returning id
            """, new { cohortId, seekerId, certificateNumber });
    }

    /// <summary>An assessment outcome for an enrolment (uji kompetensi). Raw SQL: the enrolment is certified and
    /// the unit is not one its course teaches, both refused by the API (see <see cref="EnrolAsync"/>).</summary>
    public static async Task AssessAsync(this TestApp app, long enrolmentId, long competencyId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        await conn.ExecuteAsync("""
            insert into enrolment_assessments (enrolment_id, competency_id, outcome, assessed_on)
            values (@enrolmentId, @competencyId, 'competent', '2025-04-28')
            """, new { enrolmentId, competencyId });
    }

    /// <summary>Places the seeker with a new employer under a new MoU and vacancy (May to June 2025), starting 1 July
    /// 2025; returns the placement id. Raw SQL: only the placement row is wanted, as a record an erasure keeps; a
    /// placement made by request also marks the seeker placed, fills the vacancy and enqueues recomputes.</summary>
    public static async Task<long> PlaceAsync(this TestApp app, long officeId, long seekerId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        var employer = await conn.ExecuteScalarAsync<long>("""
            insert into employers (name, kbli_code, address, region_code) values (@name, '05100', 'Jl. Tambang', '64.71')
            returning id
            """, new { name = Unique.Name("PT") });
        var mou = await conn.ExecuteScalarAsync<long>("""
            insert into mous (number, office_id, employer_id, scopes, signed_on, valid_until)
            values (@number, @officeId, @employer, array['placement'], '2025-01-01', '2027-01-01') returning id
            """, new { number = Unique.Code("MOU"), officeId, employer });
        var vacancy = await conn.ExecuteScalarAsync<long>("""
            insert into vacancies (employer_id, mou_id, office_id, type, title, occupation_code, work_region_code,
                                   openings, contract_type, opens_on, closes_on)
            values (@employer, @mou, @officeId, 'job', 'Welder', '7212', '64.71', 2, 'fixed_term', '2025-05-01',
                    '2025-06-30')
            returning id
            """, new { employer, mou, officeId });
        return await conn.ExecuteScalarAsync<long>("""
            insert into placements (seeker_id, vacancy_id, employer_id, type, start_date, wage, source)
            values (@seekerId, @vacancy, @employer, 'job', '2025-07-01', 5200000, 'direct') returning id
            """, new { seekerId, vacancy, employer });
    }

    /// <summary>A new employer calling with an API key the admin issued it.</summary>
    public static async Task<(HttpClient Client, long EmployerId)> EmployerAsync(this TestApp app)
    {
        var employer = await app.CreateEmployerAsync();
        var key = await app.IssueApiKeyAsync(employer.Id);
        return (app.WithApiKey(key.Key), employer.Id);
    }

    /// <summary>How many rows of the action the record of processing holds about the seeker, from the audit API.</summary>
    public static async Task<long> AuditCountAsync(this TestApp app, long seekerId, string action) =>
        (await app.AuditRowsAsync(seekerId, action)).Count;

    /// <summary>The service's protector, rebuilt from its keys, to compute blind indexes in tests.</summary>
    public static PersonalDataProtector Protector(this TestApp app)
    {
        var options = new PersonalDataOptions();
        foreach (var (key, value) in app.Environment)
        {
            var parts = key.Split("__");
            if (parts is ["PersonalData", "EncryptionKeys", var n])
            {
                options.EncryptionKeys[n] = value;
            }
            else if (parts is ["PersonalData", "BlindIndexKeys", var m])
            {
                options.BlindIndexKeys[m] = value;
            }
        }

        return new PersonalDataProtector(Options.Create(options));
    }

    public sealed record PageOf<T>(List<T> Items, int Page, int PageSize, long Total);

    public sealed record CompetencyRef(long Id, string Code, string Title);
}
