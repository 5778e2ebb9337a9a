using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Npgsql;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LinkMatch.Api.Reports;

/// <summary><c>?format=csv</c> (or <c>Accept: text/csv</c>) downloads the report as CSV; JSON otherwise.</summary>
public sealed record ReportFormatQuery([property: OneOf("json", "csv")] string? Format = null);

/// <summary>Serves a report from its latest snapshot. When the scope has none yet (or one of an older shape), the
/// report is computed on the spot, stored, and served: the first request answers with figures, later ones at once.
/// <c>ETag</c> and <c>Last-Modified</c> come from the snapshot, so <c>If-None-Match</c> answers 304.</summary>
internal static class ReportServing
{
    public const string CsvMediaType = "text/csv";

    public static async Task<Results<Ok<T>, ContentHttpResult, StatusCodeHttpResult, NotFound,
        ValidationProblem>> ServeAsync<T>(IReportScope scope, ReportFormatQuery format, HttpContext http,
        NpgsqlDataSource db, TimeProvider time, Func<T, CsvTable> csv, CancellationToken ct) where T : class
    {
        var stored = (await LatestOrComputedAsync(db, [scope], time, ct))[scope.ScopeKey];
        var pending = stored.RefreshPending;
        var report = WithPending<T>(stored.Result, pending);
        var wantsCsv = CsvNegotiation.Wanted(format, http.Request);
        var etag = $"\"{scope.Kind}-{stored.Id}-{stored.ComputedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{(pending ? "p" : "c")}-{(wantsCsv ? "csv" : "json")}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.LastModified = stored.ComputedAt.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = "private, no-cache";
        headers.Vary = HeaderNames.Accept;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null
                && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (!wantsCsv)
        {
            return TypedResults.Ok(report);
        }

        headers.ContentDisposition = $"attachment; filename=\"{FileName(scope)}.csv\"";
        return TypedResults.Text(csv(report).ToString(), $"{CsvMediaType}; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The stored result as served: <c>refreshPending</c> says whether a recompute is queued or running.</summary>
    public static T WithPending<T>(string result, bool pending) where T : class
    {
        var node = JsonNode.Parse(result)!.AsObject();
        node["refreshPending"] = pending;
        return node.Deserialize<T>(ReportJson.Options)!;
    }

    /// <summary>The latest stored result of each scope (all of one kind). A scope without one, or with one of an
    /// older shape, is computed now and stored.</summary>
    public static async Task<IReadOnlyDictionary<string, StoredReport>> LatestOrComputedAsync(NpgsqlDataSource db,
        IReadOnlyCollection<IReportScope> scopes, TimeProvider time, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var stored = await ReportStore.LatestAsync(conn, scopes, ct);
        var missing = scopes.Where(s => !stored.ContainsKey(s.ScopeKey)).ToList();
        if (missing.Count == 0)
        {
            return stored;
        }

        foreach (var scope in missing)
        {
            var computed = await ComputedReport.RunAsync(db, scope, ReportStamp.Now(time, null), ct);
            await ReportStore.SaveAsync(conn, null, scope, computed, ct);
        }

        // Read back: a concurrent recompute may have stored a newer result meanwhile.
        return await ReportStore.LatestAsync(conn, scopes, ct);
    }

    private static string FileName(IReportScope scope)
    {
        var name = new StringBuilder(scope.Kind).Append('-');
        foreach (var c in scope.ScopeKey)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        }

        return name.ToString().TrimEnd('_');
    }
}

internal static class ReportEndpoints
{
    /// <summary>Documents the CSV form of a report's 200 answer beside the JSON one, and the 304.</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new CsvDownload());
}

/// <summary>Marks an endpoint that also answers <c>text/csv</c>.</summary>
internal sealed class CsvDownload;

/// <summary>Adds <c>text/csv</c> to the 200 answer of CSV-capable report endpoints and documents 304.</summary>
internal sealed class CsvDownloadOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvDownload>().Any())
        {
            return;
        }

        operation.Responses ??= new OpenApiResponses();
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[ReportServing.CsvMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        operation.Responses.TryAdd("304", new OpenApiResponse
        {
            Description = "Not modified: If-None-Match names the ETag of the snapshot served.",
        });
    }
}
