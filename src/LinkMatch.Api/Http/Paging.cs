using System.ComponentModel.DataAnnotations;

namespace LinkMatch.Api.Http;

/// <summary>Paging and sorting of every list: <c>?page=1&amp;pageSize=50&amp;sort=-createdAt,name</c>.</summary>
public sealed record PageQuery(
    [property: Range(1, 100_000)] int? Page,
    [property: Range(1, PageQuery.MaxPageSize)] int? PageSize,
    [property: StringLength(200)] string? Sort)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int PageNumber => Page ?? 1;

    public int Size => PageSize ?? DefaultPageSize;

    public int Offset => (PageNumber - 1) * Size;
}

/// <summary>One page of a list, with the total across all pages.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Maps a client's sort keys to SQL through a whitelist; values never reach SQL text.</summary>
public sealed class SortMap(string defaultOrder, IReadOnlyDictionary<string, string> columns)
{
    public IEnumerable<string> Keys => columns.Keys;

    /// <summary>An <c>order by</c> list, or null when a key is not sortable.</summary>
    public string? ToSql(string? sort, string tieBreaker = "id")
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return $"{defaultOrder}, {tieBreaker}";
        }

        var parts = new List<string>();
        foreach (var raw in sort.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var descending = raw.StartsWith('-');
            var key = descending ? raw[1..] : raw;
            if (!columns.TryGetValue(key, out var column))
            {
                return null;
            }

            parts.Add(descending ? $"{column} desc" : $"{column} asc");
        }

        parts.Add(tieBreaker);
        return string.Join(", ", parts);
    }

    public Dictionary<string, string[]> Error() => new()
    {
        ["sort"] = [$"Sort by one or more of: {string.Join(", ", columns.Keys)} (prefix '-' for descending)."],
    };
}
