using Dapper;
using LinkMatch.Api.Http;
using Npgsql;

namespace LinkMatch.Api.Database;

/// <summary>The two statements of a list: <see cref="Count"/> counts the matching rows
/// (<c>select count(*) from … where …</c>) and <see cref="Rows"/> selects them in order (<c>select … from … where … order by …</c>), without
/// <c>limit</c> and <c>offset</c>, which <see cref="PagedQuery"/> adds.</summary>
public sealed record ListSql(string Count, string Rows);

/// <summary>Every list reads its page this one way: the total and one page in one round trip, in the caller's
/// transaction if it has one. <c>order</c> comes from a <see cref="SortMap"/>; values reach SQL only as parameters
/// (the caller's, plus @Size and @Offset from the <see cref="PageQuery"/>).</summary>
public static class PagedQuery
{
    /// <summary>The list of one table or view, when counting and selecting read the same
    /// <paramref name="from"/>.</summary>
    public static Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, string columns, string from,
        string where, string order, object args, PageQuery page, CancellationToken ct) =>
        conn.ReadPageAsync<T>(columns, $"from {from} {where}", order, args, page, ct);

    /// <summary>The list whose <paramref name="fromWhere"/> (its <c>from</c> clause, joins and <c>where</c>) is
    /// shared with the query of one item.</summary>
    public static Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, string columns, string fromWhere,
        string order, object args, PageQuery page, CancellationToken ct) =>
        conn.ReadPageAsync<T>(null, new ListSql($"select count(*) {fromWhere}",
            $"select {columns} {fromWhere} order by {order}"), args, page, ct);

    public static Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, NpgsqlTransaction? tx, ListSql sql,
        object args, PageQuery page, CancellationToken ct) =>
        conn.ReadPageAsync(tx, sql, args, page, async rows => (await rows.ReadAsync<T>()).AsList(), ct);

    /// <summary>With <paramref name="read"/> reading the rows, for a page read with Dapper's multi-mapping.</summary>
    public static async Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, NpgsqlTransaction? tx,
        ListSql sql, object args, PageQuery page, Func<SqlMapper.GridReader, Task<List<T>>> read,
        CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("Size", page.Size);
        parameters.Add("Offset", page.Offset);
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition($"""
            {sql.Count};
            {sql.Rows} limit @Size offset @Offset;
            """, parameters, tx, cancellationToken: ct));
        var total = await multi.ReadSingleAsync<long>();
        var items = await read(multi);
        return new PagedList<T>(items, page.PageNumber, page.Size, total);
    }
}
