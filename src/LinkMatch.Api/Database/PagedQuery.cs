using Dapper;
using LinkMatch.Api.Http;
using Npgsql;

namespace LinkMatch.Api.Database;

public static class PagedQuery
{
    /// <summary>One page and the total of a filtered list in one round trip. <paramref name="order"/> comes from a
    /// <see cref="SortMap"/>; values reach SQL only as parameters (<paramref name="args"/>, plus @Size and @Offset).</summary>
    public static Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, string columns, string from,
        string where, string order, object args, PageQuery page, CancellationToken ct) =>
        conn.ReadPageAsync<T>(columns, $"from {from} {where}", order, args, page, ct);

    /// <summary>The same, for a list whose <paramref name="fromWhere"/> (its <c>from</c> clause, joins and
    /// <c>where</c>) is shared with the query of one item.</summary>
    public static async Task<PagedList<T>> ReadPageAsync<T>(this NpgsqlConnection conn, string columns,
        string fromWhere, string order, object args, PageQuery page, CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("Size", page.Size);
        parameters.Add("Offset", page.Offset);
        await using var multi = await conn.QueryMultipleAsync(new CommandDefinition($"""
            select count(*) {fromWhere};
            select {columns} {fromWhere} order by {order} limit @Size offset @Offset;
            """, parameters, cancellationToken: ct));
        var total = await multi.ReadSingleAsync<long>();
        var items = (await multi.ReadAsync<T>()).AsList();
        return new PagedList<T>(items, page.PageNumber, page.Size, total);
    }
}
