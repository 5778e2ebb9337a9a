using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Seekers;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>Reading suggestions. A vacancy's list is for staff of the vacancy's office and admins (employers see
/// only candidates referred to them, later); a seeker's list for staff of the seeker's office and admins. Every
/// seeker shown writes one 'seeker.read' audit row. Explanations are in the request's language
/// (<see cref="ExplanationLanguage.Current"/>).</summary>
internal static class SuggestionQueries
{
    private const string Columns = """
        g.id, g.kind, g.status, g.rank, g.seeker_rank, g.score, g.model_version, g.features, g.contributions,
        g.base_value, g.explanation::text as explanation, g.summary, g.summary_indonesian, g.computed_at,
        m.feature_names
        """;

    private static readonly SortMap VacancySorts = new("g.rank", new Dictionary<string, string>
    {
        ["rank"] = "g.rank",
        ["score"] = "g.score",
        ["computedAt"] = "g.computed_at",
    });

    private static readonly SortMap SeekerSorts = new("g.seeker_rank nulls last, g.score desc", new Dictionary<string, string>
    {
        ["rank"] = "g.seeker_rank",
        ["score"] = "g.score",
        ["computedAt"] = "g.computed_at",
    });

    private sealed class SeekerSide
    {
        public long SeekerId { get; init; }
        public string? FullName { get; init; }
        public long SeekerOfficeId { get; init; }
        public string? NikRegion { get; init; }
        public byte[]? NikCipher { get; init; }
        public string SeekerRegionCode { get; init; } = "";
        public string EducationLevel { get; init; } = "";
    }

    private sealed class VacancySide
    {
        public long VacancyId { get; init; }
        public string Title { get; init; } = "";
        public string Type { get; init; } = "";
        public long EmployerId { get; init; }
        public string EmployerName { get; init; } = "";
        public string OccupationCode { get; init; } = "";
        public string WorkRegionCode { get; init; } = "";
        public int Openings { get; init; }
        public DateOnly ClosesOn { get; init; }
        public string VacancyStatus { get; init; } = "";
    }

    public static async Task<Results<Ok<PagedList<VacancySuggestion>>, NotFound, ValidationProblem>> ListForVacancy(long id,
        [AsParameters] SuggestionFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        PersonalDataProtector protector, CancellationToken ct)
    {
        if (VacancySorts.ToSql(page.Sort, "g.id") is not { } order)
        {
            return Problems.Fields(VacancySorts.Error());
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
                select exists (select 1 from vacancies where id = @id
                               and (@ScopeOfficeId::bigint is null or office_id = @ScopeOfficeId))
                """, new { id, caller.ScopeOfficeId }, tx, cancellationToken: ct)))
        {
            return TypedResults.NotFound();
        }

        const string where = """
            where g.vacancy_id = @id and (@Status::text is null or g.status = @Status)
              and (@Kind::text is null or g.kind = @Kind)
            """;
        var parameters = new
        {
            id,
            filter.Status,
            filter.Kind,
            // Only staff of the seeker's own office get the whole NIK; nobody else's ciphertext is even read.
            ViewerOfficeId = caller.IsStaff ? caller.OfficeId : null,
        };
        var found = await conn.ReadPageAsync(tx, new ListSql($"select count(*) from suggestions g {where}", $"""
            select {Columns}, s.id as seeker_id, s.full_name, s.office_id as seeker_office_id, s.nik_region,
                   case when s.office_id = @ViewerOfficeId then s.nik_cipher end as nik_cipher,
                   s.region_code as seeker_region_code, s.education_level
            from suggestions g join seekers s on s.id = g.seeker_id
            join ranking_models m on m.version = g.model_version
            {where}
            order by {order}
            """), parameters, page, grid => Task.FromResult(
            grid.Read<SuggestionRow, SeekerSide, (SuggestionRow Row, SeekerSide Seeker)>(
                (row, seeker) => (row, seeker), splitOn: "seeker_id").AsList()), ct);
        var rows = found.Items;

        var language = ExplanationLanguage.Current;
        var items = rows.Select(r =>
        {
            var full = r.Seeker.NikCipher is not null;
            var nik = full ? protector.Decrypt(PersonalField.Nik, r.Seeker.NikCipher!) : Masking.Nik(r.Seeker.NikRegion);
            return new VacancySuggestion(r.Row.Id, r.Row.Kind, r.Row.Status, r.Row.Rank, r.Row.Score,
                r.Row.ModelVersion, new SuggestedSeeker(r.Seeker.SeekerId, r.Seeker.FullName ?? "", nik,
                    r.Seeker.SeekerOfficeId, r.Seeker.SeekerRegionCode, r.Seeker.EducationLevel),
                r.Row.ToExplanation(language), r.Row.ComputedAt);
        }).ToList();
        await AuditLog.WriteManyAsync(conn, tx, caller, rows.Select(r => new AuditEntry("seeker.read", "seeker",
            r.Seeker.SeekerId, r.Seeker.SeekerId, new
            {
                view = r.Seeker.NikCipher is null ? SeekerViews.Masked : SeekerViews.Full,
                via = "vacancy_suggestions",
                vacancyId = id,
            })), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new PagedList<VacancySuggestion>(items, found.Page, found.PageSize, found.Total));
    }

    public static async Task<Results<Ok<PagedList<SeekerSuggestion>>, NotFound, ValidationProblem, ProblemHttpResult>>
        ListForSeeker(long id, [AsParameters] SuggestionFilter filter, [AsParameters] PageQuery page, Caller caller,
            NpgsqlDataSource db, CancellationToken ct)
    {
        if (SeekerSorts.ToSql(page.Sort, "g.id") is not { } order)
        {
            return Problems.Fields(SeekerSorts.Error());
        }

        // Instructors are kept out by the policy; staff see their office's seekers, admins all.
        await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: false, ct);
        if (!live.Found)
        {
            return live.Gone is { } gone ? gone : TypedResults.NotFound();
        }

        var (conn, tx) = (live.Conn, live.Tx);

        const string where = """
            where g.seeker_id = @id and (@Status::text is null or g.status = @Status)
              and (@Kind::text is null or g.kind = @Kind)
            """;
        var found = await conn.ReadPageAsync(tx, new ListSql($"select count(*) from suggestions g {where}", $"""
            select {Columns}, v.id as vacancy_id, v.title, v.type, v.employer_id, e.name as employer_name,
                   v.occupation_code, v.work_region_code, v.openings, v.closes_on, v.status as vacancy_status
            from suggestions g join vacancies v on v.id = g.vacancy_id join employers e on e.id = v.employer_id
            join ranking_models m on m.version = g.model_version
            {where}
            order by {order}
            """), new { id, filter.Status, filter.Kind }, page, grid => Task.FromResult(
            grid.Read<SuggestionRow, VacancySide, (SuggestionRow Row, VacancySide Vacancy)>(
                (row, vacancy) => (row, vacancy), splitOn: "vacancy_id").AsList()), ct);
        var rows = found.Items;

        var language = ExplanationLanguage.Current;
        var items = rows.Select(r => new SeekerSuggestion(r.Row.Id, r.Row.Kind, r.Row.Status, r.Row.SeekerRank,
            r.Row.Rank, r.Row.Score, r.Row.ModelVersion, new SuggestedVacancy(r.Vacancy.VacancyId, r.Vacancy.Title,
                r.Vacancy.Type, r.Vacancy.EmployerId, r.Vacancy.EmployerName, r.Vacancy.OccupationCode,
                r.Vacancy.WorkRegionCode, r.Vacancy.Openings, r.Vacancy.ClosesOn, r.Vacancy.VacancyStatus),
            r.Row.ToExplanation(language), r.Row.ComputedAt)).ToList();
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("seeker.read", "seeker", id, id,
            new { view = SeekerViews.Masked, via = "seeker_suggestions" }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new PagedList<SeekerSuggestion>(items, found.Page, found.PageSize, found.Total));
    }
}
