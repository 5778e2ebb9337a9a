using System.Net.Http.Json;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Facts about employers, their keys, MoUs, vacancies and placements: through the API as an admin where a
/// list or a read shows them, in raw SQL (each saying why) where none can.</summary>
public static class EmployerChecks
{
    /// <summary>How many vacancies the employer has, in any status.</summary>
    public static async Task<long> VacancyCountAsync(this TestApp app, long employerId) =>
        await app.AdminTotalAsync($"/api/v1/vacancies?employerId={employerId}");

    /// <summary>How many vacancies there are, of every employer.</summary>
    public static async Task<long> VacancyCountAsync(this TestApp app) => await app.AdminTotalAsync("/api/v1/vacancies");

    /// <summary>How many MoUs the employer is party to, in any status.</summary>
    public static async Task<long> MouCountAsync(this TestApp app, long employerId) =>
        await app.AdminTotalAsync($"/api/v1/mous?employerId={employerId}");

    /// <summary>How many employers carry exactly this name.</summary>
    public static async Task<long> EmployersNamedAsync(this TestApp app, string name)
    {
        var admin = await app.SharedAdminAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/employers?q={Uri.EscapeDataString(name)}&pageSize=100");
        return page.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("name").GetString() == name);
    }

    /// <summary>The employer's API keys, revoked ones too, as the admin's key list shows them.</summary>
    public static async Task<List<ApiKeyDto>> ApiKeysOfAsync(this TestApp app, long employerId)
    {
        var admin = await app.SharedAdminAsync();
        return await (await admin.GetAsync($"/api/v1/employers/{employerId}/api-keys")).ReadAsync<List<ApiKeyDto>>();
    }

    /// <summary>How many placements were made into the vacancy, read by an employer's client: an employer's reads
    /// show no names, so they add nothing to the record of processing a test may be counting.</summary>
    public static async Task<long> PlacementCountAsync(this HttpClient employer, long vacancyId) =>
        (await employer.GetFromJsonAsync<JsonElement>($"/api/v1/placements?vacancyId={vacancyId}&pageSize=1"))
        .GetProperty("total").GetInt64();

    /// <summary>Each stored vacancy of the employer with how many competencies and 'vacancy.create' audit rows it
    /// has. Raw SQL: after a crash the fact is that every stored vacancy is whole, in one look at what the database
    /// kept; through the API it would take a read and an audit query for each of hundreds of vacancies.</summary>
    public static async Task<List<(long Id, string Title, long Competencies, long AuditRows)>> StoredVacanciesOfAsync(
        this TestApp app, long employerId)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await Dapper.SqlMapper.QueryAsync<(long, string, long, long)>(conn, """
            select v.id, v.title,
                   (select count(*) from vacancy_competencies c where c.vacancy_id = v.id),
                   (select count(*) from audit_log a where a.entity = 'vacancy' and a.entity_id = v.id
                                                       and a.action = 'vacancy.create')
            from vacancies v where v.employer_id = @employerId
            """, new { employerId })];
    }

    /// <summary>The stored secret of a key. Raw SQL: the key is kept only as its hash, which no API returns — this is
    /// the secret at rest.</summary>
    public static Task<byte[]> StoredKeyHashAsync(this TestApp app, long keyId) =>
        app.ScalarAsync<byte[]>("select secret_hash from api_keys where id = @keyId", new { keyId });

    /// <summary>Ends every key of the employer a minute ago. Raw SQL: a state no request can reach, as keys are
    /// issued with an expiry in the future.</summary>
    public static Task ExpireApiKeysOfAsync(this TestApp app, long employerId) =>
        app.ExecuteAsync("update api_keys set expires_at = now() - interval '1 minute' where employer_id = @employerId",
            new { employerId });

    /// <summary>How many idempotency records hold the key, in any scope or in the one given. Raw SQL: the records
    /// are the service's own bookkeeping, and no API lists them.</summary>
    public static Task<long> IdempotencyRecordsAsync(this TestApp app, string key, string? scope = null) =>
        app.ScalarAsync<long>("""
            select count(*) from idempotency_keys where key = @key and (@scope::text is null or scope = @scope)
            """, new { key, scope });

    /// <summary>Makes the employers' idempotency records of the key older than their day. Raw SQL: a state no
    /// request can reach, a record created in the past.</summary>
    public static Task AgeEmployerIdempotencyRecordsAsync(this TestApp app, string key) =>
        app.ExecuteAsync("""
            update idempotency_keys set created_at = now() - interval '25 hours' where key = @key and scope like 'employer:%'
            """, new { key });

    private static async Task<long> AdminTotalAsync(this TestApp app, string url)
    {
        var admin = await app.SharedAdminAsync();
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return (await admin.GetFromJsonAsync<JsonElement>($"{url}{separator}pageSize=1")).GetProperty("total").GetInt64();
    }
}
