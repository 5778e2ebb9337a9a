using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

public sealed record EmployerDto(long Id, string Name, string KbliCode, string Address, string RegionCode,
    string? ContactName, string? ContactEmail, string? ContactPhone, int? Workforce);

public sealed record MouDto(long Id, string Number, long OfficeId, long? EmployerId, long? TrainingCentreId,
    string PartyName, List<string> Scopes, DateOnly SignedOn, DateOnly ValidUntil, DateOnly? TerminatedOn,
    string? TerminationReason, string Status, string? PartnerKind = null);

public sealed record IssuedKeyDto(long Id, long EmployerId, string Name, string Prefix, string Key);

public sealed record ApiKeyDto(long Id, long EmployerId, string Name, string Prefix, string CreatedBy,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt);

public sealed record VacancyCompetencyDto(long CompetencyId, string Code, bool Mandatory, int MinLevel);

public sealed record VacancyDto(long Id, long EmployerId, string EmployerName, long MouId, long OfficeId, string Type,
    string Title, string OccupationCode, string Description, string MinEducation, decimal MinExperienceYears,
    int? AgeMin, int? AgeMax, string Sex, string WorkRegionCode, int Openings, int Filled, long? WageMin,
    long? WageMax, string ContractType, int? ApprenticeshipMonths, long? Stipend, DateOnly OpensOn, DateOnly ClosesOn,
    string Status, DateTimeOffset? FilledReportedAt, DateTimeOffset? ClosedAt, List<VacancyCompetencyDto> Competencies);

public sealed record PlacementDto(long Id, long SeekerId, string? SeekerName, long VacancyId, long EmployerId,
    long OfficeId, string Type, DateOnly StartDate, long? Wage, string Source);

/// <summary>An employer with an MoU with an office, and a client calling with one of its API keys.</summary>
public sealed record Partner(EmployerDto Employer, MouDto Mou, long OfficeId, string ApiKey, HttpClient Client);

/// <summary>Intent methods for employers, MoUs, API keys and vacancies.</summary>
public static class EmployerIntents
{
    private static readonly ConditionalWeakTable<TestApp, Task<HttpClient>> Admins = new();

    public static DateOnly Today => OfficeCalendar.Today;

    /// <summary>One signed-in admin client per service, shared by the intents (tokens last an hour).</summary>
    public static Task<HttpClient> SharedAdminAsync(this TestApp app) => Admins.GetValue(app, a => a.AdminAsync());

    public static async Task<EmployerDto> CreateEmployerAsync(this TestApp app, string regionCode = "64.71")
    {
        var admin = await app.SharedAdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/employers", new
        {
            name = Unique.Name("PT Mitra"),
            kbliCode = "25111",
            address = "Jl. Jenderal Sudirman No. 10, Balikpapan",
            regionCode,
            contactName = "Ibu Ratna",
            contactEmail = "hrd@mitra.example.id",
            contactPhone = "0812-5550-7000",
            workforce = 200,
        });
        return await response.ReadAsync<EmployerDto>(HttpStatusCode.Created);
    }

    public static async Task<MouDto> CreateMouAsync(this TestApp app, long officeId, long employerId,
        string[]? scopes = null, DateOnly? signedOn = null, DateOnly? validUntil = null)
    {
        var admin = await app.SharedAdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/mous", new
        {
            number = Unique.Code("MOU"),
            officeId,
            employerId,
            scopes = scopes ?? ["placement", "apprenticeship"],
            signedOn = signedOn ?? Today.AddDays(-30),
            validUntil = validUntil ?? Today.AddYears(1),
        });
        return await response.ReadAsync<MouDto>(HttpStatusCode.Created);
    }

    public static async Task<IssuedKeyDto> IssueApiKeyAsync(this TestApp app, long employerId)
    {
        var admin = await app.SharedAdminAsync();
        var response = await admin.PostAsJsonAsync($"/api/v1/employers/{employerId}/api-keys", new { name = "HRIS" });
        return await response.ReadAsync<IssuedKeyDto>(HttpStatusCode.Created);
    }

    /// <summary>A new employer with an active MoU (placement and apprenticeship unless told) with the office (a new
    /// one unless given), calling with its own API key.</summary>
    public static async Task<Partner> PartnerAsync(this TestApp app, long? officeId = null, string[]? scopes = null)
    {
        var office = officeId ?? (await app.CreateOfficeAsync()).Id;
        var employer = await app.CreateEmployerAsync();
        var mou = await app.CreateMouAsync(office, employer.Id, scopes);
        var key = await app.IssueApiKeyAsync(employer.Id);
        return new Partner(employer, mou, office, key.Key, app.WithApiKey(key.Key));
    }

    /// <summary>A job vacancy body the API accepts; tests change fields by key.</summary>
    public static Dictionary<string, object?> JobVacancy(int openings = 2) => new()
    {
        ["type"] = "job",
        ["title"] = Unique.Name("Welder SMAW"),
        ["occupationCode"] = "7212",
        ["description"] = "Pengelasan pipa dan pelat di bengkel fabrikasi.",
        ["openings"] = openings,
        ["contractType"] = "fixed_term",
        ["workRegionCode"] = "64.71",
        ["minEducation"] = "smk",
        ["minExperienceYears"] = 1.5m,
        ["ageMin"] = 18,
        ["ageMax"] = 40,
        ["wageMin"] = 3_800_000L,
        ["wageMax"] = 5_500_000L,
        ["opensOn"] = Today,
        ["closesOn"] = Today.AddDays(30),
    };

    public static Dictionary<string, object?> ApprenticeshipVacancy(int openings = 2) => new()
    {
        ["type"] = "apprenticeship",
        ["title"] = Unique.Name("Magang Operator Alat Berat"),
        ["occupationCode"] = "8342",
        ["openings"] = openings,
        ["contractType"] = "apprenticeship",
        ["workRegionCode"] = "64.72",
        ["apprenticeshipMonths"] = 6,
        ["stipend"] = 3_500_000L,
        ["opensOn"] = Today,
        ["closesOn"] = Today.AddDays(14),
    };

    public static async Task<VacancyDto> PostVacancyAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/vacancies", body);
        return await response.ReadAsync<VacancyDto>(HttpStatusCode.Created);
    }

    /// <summary>The id of a unit of competency from the starter reference data, as the reference API shows it.</summary>
    public static async Task<long> CompetencyIdAsync(this TestApp app, string code) =>
        await (await app.SharedAdminAsync()).CompetencyIdAsync(code);
}
