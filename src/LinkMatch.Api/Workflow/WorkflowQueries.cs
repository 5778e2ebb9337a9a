using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.PersonalData;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>Reading suggestions in the workflow: one with its history, the staff's list of their office's
/// suggestions, and the referrals list (for an employer: the candidates referred to it). Scoped in SQL as
/// <see cref="SuggestionLocks.Scope"/> says; every person shown is audited in the same transaction.</summary>
internal static class WorkflowQueries
{
    private static readonly SortMap Sorts = new("g.updated_at desc", new Dictionary<string, string>
    {
        ["updatedAt"] = "g.updated_at",
        ["referredAt"] = "g.referred_at",
        ["interviewAt"] = "g.interview_at",
        ["score"] = "g.score",
        ["status"] = "g.status",
    });

    public static async Task<Results<Ok<SuggestionDetail>, NotFound>> Get(long id, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<SuggestionRow>(new CommandDefinition($"""
            select {CandidateView.Columns} {CandidateView.From}
            where g.id = @id and {SuggestionLocks.Scope}
            """, SuggestionLocks.ScopeOf(caller, new { id, FullNik = CandidateView.FullNik(caller) }), tx,
            cancellationToken: ct));
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var history = (await conn.QueryAsync<SuggestionEvent>(new CommandDefinition("""
            select id, action, from_status, to_status, reason_code, note, actor_kind, actor_name, at
            from suggestion_events where suggestion_id = @id order by id
            """, new { id }, tx, cancellationToken: ct))).AsList();
        var today = Http.Wita.Today(time);
        var summary = Matching.Suggestions.ExplanationLanguage.Current.Pick(row.Summary, row.SummaryIndonesian);
        var detail = new SuggestionDetail(row.Id, row.Kind, row.Status, row.Score, row.Rank, summary,
            row.VacancyId, row.VacancyTitle, row.VacancyStatus, row.EmployerId, row.EmployerName,
            CandidateView.Build(row, caller, protector, today), row.ReferredAt, row.InterviewAt, row.ReasonCode,
            row.PlacementId, Transitions.Agreement(row.DurationMonths, row.Stipend, row.RatifiedAt), history,
            row.UpdatedAt);
        await AuditLog.WriteAsync(conn, tx, caller, CandidateView.ReadAudit(row, caller, "suggestion"), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(detail);
    }

    /// <summary>Staff: their office's suggestions in any status (admins: all).</summary>
    public static Task<Results<Ok<PagedList<SuggestionListItem>>, ValidationProblem>> List(
        [AsParameters] SuggestionListFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, CancellationToken ct) =>
        ListAsync(filter, page, caller, db, protector, time, referredOnly: false, ct);

    /// <summary>Referred candidates: an employer's on its vacancies; staff those of their office's seekers.</summary>
    public static Task<Results<Ok<PagedList<SuggestionListItem>>, ValidationProblem>> ListReferrals(
        [AsParameters] SuggestionListFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, CancellationToken ct) =>
        ListAsync(filter, page, caller, db, protector, time, referredOnly: true, ct);

    private static async Task<Results<Ok<PagedList<SuggestionListItem>>, ValidationProblem>> ListAsync(
        SuggestionListFilter filter, PageQuery page, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, TimeProvider time, bool referredOnly, CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "g.id") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        var statuses = filter.Status is { Length: > 0 } some ? some : null;
        if (referredOnly && statuses is not null && !statuses.All(SuggestionStatuses.Referred.Contains))
        {
            return Problems.Field("status",
                WorkflowText.Format("Referrals.Status", string.Join(", ", SuggestionStatuses.Referred)));
        }

        var where = $"""
            where {SuggestionLocks.Scope}
              {(referredOnly ? "and g.status = any(@Referred)" : "")}
              and (@VacancyId::bigint is null or g.vacancy_id = @VacancyId)
              and (@SeekerId::bigint is null or g.seeker_id = @SeekerId)
              and (@Status::text[] is null or g.status = any(@Status))
              and (@Kind::text is null or g.kind = @Kind)
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var found = await conn.ReadPageAsync<SuggestionRow>(tx, new ListSql($"""
            select count(*) from suggestions g join seekers s on s.id = g.seeker_id
            join vacancies v on v.id = g.vacancy_id {where}
            """, $"select {CandidateView.Columns} {CandidateView.From} {where} order by {order}"),
            SuggestionLocks.ScopeOf(caller, new
            {
                FullNik = CandidateView.FullNik(caller),
                filter.VacancyId,
                filter.SeekerId,
                Status = statuses,
                filter.Kind,
            }), page, ct);
        var rows = found.Items;

        var today = Http.Wita.Today(time);
        var items = rows.Select(r => new SuggestionListItem(r.Id, r.Kind, r.Status, r.VacancyId, r.VacancyTitle,
            r.EmployerId, r.EmployerName, CandidateView.Build(r, caller, protector, today), r.ReferredAt,
            r.InterviewAt, r.ReasonCode, r.PlacementId, r.UpdatedAt)).ToList();
        await AuditLog.WriteManyAsync(conn, tx, caller,
            rows.Select(r => CandidateView.ReadAudit(r, caller, referredOnly ? "referrals" : "suggestions")), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new PagedList<SuggestionListItem>(items, found.Page, found.PageSize, found.Total));
    }
}
