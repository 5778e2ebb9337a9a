using Dapper;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Seekers;

/// <summary>Searches every column of every table for values that must not be stored there. Text, JSON and array
/// columns are searched as text (case-insensitively), bytea columns both as bytes and as text. Values go to the
/// database reversed and are turned round in SQL, so the search itself never writes them into the server log
/// (which logs every statement with its parameters). Raw SQL: encryption at rest — whether a value is stored
/// anywhere in plain text is a fact of the database, which no API can show.</summary>
public static class DatabaseScan
{
    private sealed record Column(string Table, string Name, string Type);

    /// <summary>"table.column" for every column holding any of the texts.</summary>
    public static async Task<List<string>> FindTextAsync(TestApp app, params string[] values)
    {
        var reversed = values.Select(v => new string(v.ToLowerInvariant().Reverse().ToArray())).ToArray();
        var hits = new List<string>();
        await using var conn = app.Database.OpenOwnerConnection();
        foreach (var c in await ColumnsAsync(conn))
        {
            var text = c.Type == "bytea" ? $"encode(\"{c.Name}\", 'escape')" : $"\"{c.Name}\"::text";
            var found = await conn.ExecuteScalarAsync<bool>($"""
                select exists (select 1 from "{c.Table}" t, unnest(@reversed) as v (value)
                               where strpos(lower({text}), reverse(v.value)) > 0)
                """, new { reversed });
            if (found)
            {
                hits.Add($"{c.Table}.{c.Name}");
            }
        }

        return hits;
    }

    /// <summary>"table.column" for every bytea column containing any of the byte strings (blind indexes,
    /// ciphertexts).</summary>
    public static async Task<List<string>> FindBytesAsync(TestApp app, params byte[][] values)
    {
        var hits = new List<string>();
        await using var conn = app.Database.OpenOwnerConnection();
        foreach (var c in (await ColumnsAsync(conn)).Where(c => c.Type == "bytea"))
        {
            var found = await conn.ExecuteScalarAsync<bool>($"""
                select exists (select 1 from "{c.Table}" t, unnest(@values) as v (value)
                               where position(v.value in t."{c.Name}") > 0)
                """, new { values });
            if (found)
            {
                hits.Add($"{c.Table}.{c.Name}");
            }
        }

        return hits;
    }

    private static async Task<List<Column>> ColumnsAsync(Npgsql.NpgsqlConnection conn) =>
        (await conn.QueryAsync<Column>("""
            select c.table_name as "table", c.column_name as name, c.data_type as type
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
              and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea',
                                  'USER-DEFINED')
            order by 1, 2
            """)).AsList();

    /// <summary>Whether a log file, from <paramref name="offset"/> on, contains any of the texts (case-insensitively);
    /// read while it is being written.</summary>
    public static async Task<bool> LogContainsAsync(string path, long offset, params string[] values)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (values.Any(v => line.Contains(v, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
