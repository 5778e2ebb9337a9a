using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>Kompetensi pencari kerja: the units a seeker holds, replaced as a whole set.</summary>
internal static class SeekerCompetencies
{
    private const string Replace = """
        delete from seeker_competencies where seeker_id = @id;
        insert into seeker_competencies (seeker_id, competency_id, level, evidence, years, source)
        select @id, c.competency_id, c.level, c.evidence, c.years, c.source
        from unnest(@ids::bigint[], @levels::smallint[], @evidence::text[], @years::numeric[], @sources::text[])
             as c (competency_id, level, evidence, years, source);
        """;

    public static async Task<Results<Ok<IReadOnlyList<SeekerCompetency>>, NotFound, ValidationProblem,
        ProblemHttpResult>> Update(long id, CompetenciesRequest request, Caller caller, NpgsqlDataSource db,
        MatchingTriggers matching, CancellationToken ct)
    {
        var items = request.Items;
        if (items.GroupBy(i => i.CompetencyId).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            return Problems.Field("items", $"Competency {duplicate.Key} is listed more than once.");
        }

        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx, row) = (live.Conn, live.Tx, live.Row);

        try
        {
            await conn.ExecuteAsync(new CommandDefinition(Replace, new
            {
                id,
                ids = items.Select(i => i.CompetencyId).ToArray(),
                levels = items.Select(i => i.Level).ToArray(),
                evidence = items.Select(i => i.Evidence).ToArray(),
                years = items.Select(i => i.Years).ToArray(),
                sources = items.Select(i => string.IsNullOrWhiteSpace(i.Source) ? null : i.Source.Trim()).ToArray(),
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problems.Field("items", "Unknown competency id; see /api/v1/reference/competencies.");
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.competencies.update", "seeker", id, id,
            new { count = items.Count }), ct);
        var competencies = await SeekerData.CompetenciesAsync(conn, tx, id, ct);
        await matching.SeekerChangedAsync(conn, tx, id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(competencies);
    }
}
