using System.Globalization;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>Paging links for a list page: the same query string with another <c>page</c>.</summary>
public sealed record Pager(int Page, int PageSize, long Total, string Path, IReadOnlyDictionary<string, string?> Query)
{
    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string Href(int page)
    {
        var query = Query.Where(q => q.Key != "page" && !string.IsNullOrEmpty(q.Value))
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)).ToList();
        query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(Path, query);
    }

    public static Pager For<T>(HttpRequest request, PagedList<T> list) => new(list.Page, list.PageSize, list.Total,
        request.Path.Value ?? "/", request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()));
}
