using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>Facts about offices and the platform's own storage: through the API as an admin where it shows them,
/// in raw SQL (each saying why) where nothing can.</summary>
public static class PlatformChecks
{
    /// <summary>The id of the office with the code, from the admin's list of offices.</summary>
    public static async Task<long> OfficeIdAsync(this TestApp app, string code)
    {
        var page = await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/offices?pageSize=200");
        return Assert.Single(page.GetProperty("items").EnumerateArray(), o => o.GetProperty("code").GetString() == code)
            .GetProperty("id").GetInt64();
    }

    /// <summary>How many job seekers the office holds, from the admin's list (which records one read).</summary>
    public static async Task<long> SeekerCountAsync(this TestApp app, long officeId) =>
        (await (await app.SharedAdminAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/seekers?officeId={officeId}&pageSize=1"))
        .GetProperty("total").GetInt64();

    /// <summary>How many times the demo world was loaded. Raw SQL: the loader's own bookkeeping, which no API
    /// shows.</summary>
    public static Task<long> DemoLoadsAsync(this TestApp app) => app.ScalarAsync<long>("select count(*) from demo_loads");

    /// <summary>The stored token signing keys as XML. Raw SQL: encryption at rest — no API returns the keys.</summary>
    public static async Task<List<string>> StoredSigningKeysAsync(this TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return [.. await conn.QueryAsync<string>("select xml from data_protection_keys")];
    }
}
