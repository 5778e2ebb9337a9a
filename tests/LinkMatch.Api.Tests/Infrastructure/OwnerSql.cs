using Dapper;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>Reads and changes rows straight in the database as its owner: to check what a request did, or to reach
/// states no request can (an expired key, a date in the past).</summary>
public static class OwnerSql
{
    public static async Task<T> ScalarAsync<T>(this TestApp app, string sql, object? parameters = null)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return (await conn.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public static async Task<int> ExecuteAsync(this TestApp app, string sql, object? parameters = null)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        return await conn.ExecuteAsync(sql, parameters);
    }
}
