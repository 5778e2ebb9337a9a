using Dapper;
using LinkMatch.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LinkMatch.Api.Reports.MouScorecard;

/// <summary>Enqueues, inside the transaction of a change that moves an office's MoU figures (an MoU, a commitment,
/// an activity), the recompute of that office's scorecard, and of its province's and all offices' when somebody
/// has asked for those (they have a snapshot). Each job carries its scope's unique key and runs after
/// <see cref="ReportOptions.RefreshDelay"/>, so a burst of changes gives one recompute per scope.</summary>
public sealed class MouScorecardRefresh(IJobQueue jobs, IOptions<ReportOptions> options)
{
    public async Task EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long officeId, CancellationToken ct)
    {
        var wider = await conn.QueryAsync<string?>(new CommandDefinition("""
            select s.scope_key from report_snapshots s
            where s.kind = @Kind
              and s.scope_key in ('all', (select 'province:' || coalesce(r.province_code, r.code)
                                          from offices o join regions r on r.code = o.region_code
                                          where o.id = @officeId))
            """, new { Kind = ReportKinds.MouScorecard, officeId }, tx, cancellationToken: ct));
        var scopes = new List<MouScorecardScope> { new(officeId, null) };
        foreach (var key in wider)
        {
            scopes.Add(key == "all" ? new MouScorecardScope(null, null) : new MouScorecardScope(null, key!["province:".Length..]));
        }

        foreach (var scope in scopes)
        {
            await jobs.EnqueueAsync(conn, tx, ComputeReportArgs.Request(scope, options.Value.RefreshDelay), ct);
        }
    }
}
