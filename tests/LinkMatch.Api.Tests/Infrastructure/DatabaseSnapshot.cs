using Dapper;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>A fingerprint of every table's rows, to prove that a refused request changed nothing. Only for a service
/// no other test writes to (<see cref="TestApp.StartIsolatedAsync"/>). An API key's last use is recorded by
/// authentication itself, before any policy is checked, so it is left out.</summary>
public static class DatabaseSnapshot
{
    public static async Task<Dictionary<string, string>> TakeAsync(TestApp app)
    {
        await using var conn = app.Database.OpenOwnerConnection();
        var tables = (await conn.QueryAsync<string>("""
            select table_name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name
            """)).ToList();
        var sql = string.Join("\nunion all\n", tables.Select(t =>
            $"select '{t}' as name, count(*)::text || ':' || coalesce(md5(string_agg((to_jsonb(x) - 'last_used_at' - 'updated_at')::text, '|' order by x::text)), '') as digest from \"{t}\" x"));
        return (await conn.QueryAsync<(string Name, string Digest)>(sql)).ToDictionary(r => r.Name, r => r.Digest);
    }

    public static List<string> Diff(Dictionary<string, string> before, Dictionary<string, string> after) =>
        after.Where(a => !before.TryGetValue(a.Key, out var b) || b != a.Value).Select(a => a.Key).ToList();
}
