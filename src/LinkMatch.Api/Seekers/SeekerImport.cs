using System.Diagnostics;
using System.Text;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary><c>mode=all</c> (the default) imports nothing when any row is bad; <c>mode=partial</c> imports the good
/// rows. Admins name the office; staff import into their own.</summary>
public sealed record ImportQuery([property: OneOf("all", "partial")] string? Mode = null, [property: Id] long? OfficeId = null);

/// <summary>What an import did: rows read, imported and rejected (with line, column and reason).</summary>
public sealed record ImportResult(string Mode, int Rows, int Imported, int Rejected, IReadOnlyList<ImportReject> Rejects);

/// <summary>Bulk registration from the spreadsheets offices keep (see <see cref="SeekerCsv"/> for the columns).
/// The same checks as a single registration; NIKs repeated in the file or already registered are rejects.</summary>
internal static class SeekerImport
{
    public static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Import(
        [AsParameters] ImportQuery query, HttpContext http, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, IOptions<LimitOptions> limits, ILoggerFactory logs,
        MatchingTriggers matching, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var mode = query.Mode ?? "all";
        var errors = new FieldErrors();
        var officeId = SeekerInput.OfficeFor(caller, query.OfficeId, errors);
        if (errors.Any || officeId is null)
        {
            return errors.ToProblem();
        }

        if (!string.Equals(http.Request.GetTypedHeaders().ContentType?.MediaType.Value, "text/csv",
            StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the file as text/csv.");
        }

        var limit = limits.Value.MaxImportBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large", detail: $"An import file is at most {limit / (1024 * 1024)} MiB.");
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, ct);
        var (headerErrors, parsed, rejects) = SeekerCsv.Parse(Encoding.UTF8.GetString(body.GetBuffer(), 0,
            (int)body.Length));
        if (headerErrors.Count > 0)
        {
            return Problems.Fields(headerErrors);
        }

        var today = SeekerInput.Today(time);
        var rows = Check(parsed, today, rejects);
        var total = rows.Count + rejects.Select(r => r.Line).Distinct().Count();
        if (total == 0)
        {
            return Problems.Field("body", "The file has a header but no rows.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await SeekerImportChecks.OfficeExistsAsync(conn, officeId.Value, ct))
        {
            return Problems.Field("officeId", "Unknown office.");
        }

        var competencies = await SeekerImportChecks.ReferencesAsync(conn, rows, rejects, ct);
        var referenced = rejects.Select(r => r.Line).ToHashSet();
        await SeekerImportChecks.DuplicatesAsync(conn, rows.Where(r => !referenced.Contains(r.Row.Line)).ToList(),
            protector, rejects, ct);
        var rejectedLines = rejects.Select(r => r.Line).ToHashSet();
        var sorted = rejects.OrderBy(r => r.Line).ToList();
        if (mode == "all" && rejectedLines.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Some rows are not valid; nothing was imported",
                detail: $"{rejectedLines.Count} of {total} rows have problems. Fix them, or import with mode=partial.",
                extensions: new Dictionary<string, object?> { ["rejects"] = sorted });
        }

        var good = rows.Where(r => !rejectedLines.Contains(r.Row.Line)).ToList();
        var ready = new ImportRow[good.Count];
        Parallel.For(0, good.Count, new ParallelOptions { CancellationToken = ct }, i => ready[i] = new ImportRow(
            good[i].Row.Line, good[i].Input, SeekerInput.Protect(good[i].Input, protector),
            good[i].Row.Competencies.Select(c => (competencies[c.Code], c)).ToList()));

        if (ready.Length > 0)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            try
            {
                await SeekerImportWriter.WriteAsync(conn, tx, officeId.Value, ready, caller, ct);
                await matching.RefreshAllAsync(conn, tx, ct);
                await tx.CommitAsync(ct);
            }
            catch (PostgresException e) when (SeekerInput.IsDuplicateNik(e) || SeekerInput.IsDuplicateAk1(e))
            {
                return Problems.Conflict("A seeker in the file was registered by someone else during the import; " +
                    "nothing was imported. Send the file again.");
            }
        }

        logs.CreateLogger(typeof(SeekerImport).FullName!).LogInformation(
            "Seeker import into office {OfficeId} ({Mode}): {Imported} imported, {Rejected} rejected in {Elapsed} ms",
            officeId, mode, ready.Length, rejectedLines.Count, clock.ElapsedMilliseconds);
        return TypedResults.Ok(new ImportResult(mode, total, ready.Length, rejectedLines.Count, sorted));
    }

    /// <summary>The per-row checks of a single registration; rows that fail become rejects.</summary>
    private static List<(CsvSeeker Row, CheckedSeeker Input)> Check(List<CsvSeeker> parsed, DateOnly today,
        List<ImportReject> rejects)
    {
        var rows = new List<(CsvSeeker, CheckedSeeker)>(parsed.Count);
        foreach (var row in parsed)
        {
            var errors = new FieldErrors();
            if (SeekerInput.Check(row.Request, today, errors) is { } input)
            {
                rows.Add((row, input));
                continue;
            }

            foreach (var (column, messages) in errors.ToProblem().ProblemDetails.Errors)
            {
                rejects.AddRange(messages.Select(m => new ImportReject(row.Line, column, m)));
            }
        }

        return rows;
    }
}
