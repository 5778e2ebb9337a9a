using Npgsql;
using NpgsqlTypes;

namespace LinkMatch.Api.Demo;

/// <summary>Binary COPY of generated rows: the demo world loads in seconds.</summary>
internal static class Copy
{
    public static async Task RowsAsync<T>(NpgsqlConnection conn, string command, IEnumerable<T> rows,
        Func<T, (object? Value, NpgsqlDbType Type)[]> columns, CancellationToken ct)
    {
        await using var importer = await conn.BeginBinaryImportAsync(command, ct);
        // A large table may take longer than the service's short default command timeout.
        importer.Timeout = TimeSpan.FromMinutes(5);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var (value, type) in columns(row))
            {
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, type, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>Takes <paramref name="count"/> ids from a table's identity sequence.</summary>
    public static async Task<long[]> ReserveIdsAsync(NpgsqlConnection conn, string table, int count, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select nextval(pg_get_serial_sequence(@table, 'id')) from generate_series(1, @count)", conn);
        cmd.Parameters.AddWithValue("table", table);
        cmd.Parameters.AddWithValue("count", count);
        var ids = new List<long>(count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
