using Dapper;
using LinkMatch.Api.Reports.EqualOpportunity;
using Npgsql;

namespace LinkMatch.Api.Matching.Training;

/// <summary>A model's equal-opportunity figures on the held-out vacancies: per group, the share of its candidates
/// the model ranks in the top <see cref="HoldoutFairness.TopK"/> of their vacancy ("would be suggested"), judged as
/// the equal-opportunity report judges its steps; beside the same for the serving model on the same slice.</summary>
/// <param name="TopK">How many of each vacancy's candidates count as suggested.</param>
/// <param name="Vacancies">Held-out vacancies.</param>
/// <param name="Candidates">Held-out rows: a candidate of a vacancy (a person can be a candidate of several).</param>
/// <param name="ServingVersion">The model compared with (null: none, or a model file without a version).</param>
/// <param name="Groups">Every group of every dimension.</param>
public sealed record ModelFairness(int TopK, int Vacancies, int Candidates, int? ServingVersion,
    IReadOnlyList<FairnessGroup> Groups);

/// <summary>One group's candidates and their rate of reaching a top 10, for this model and the compared one.</summary>
/// <param name="Dimension">sex, age_band, disability, residence or education (as in the equal-opportunity report).</param>
/// <param name="Group">The group, named as the report names it.</param>
/// <param name="Candidates">The group's held-out rows; null when 1–4.</param>
/// <param name="Model">This model's rate of ranking them in a top 10, with its interval, ratio and judgement.</param>
/// <param name="Serving">The same for the compared model; null when there is none.</param>
public sealed record FairnessGroup(string Dimension, string Group, int? Candidates, RateJudgement Model,
    RateJudgement? Serving);

/// <summary>The group of one held-out row in one dimension.</summary>
public sealed record CandidateGroup(int Row, string Dimension, string Group);

/// <summary>Fairness on the held-out vacancies (Matching/README.md, "Fairness of a model"). The groups come from
/// the registry (sex, age on the vacancy's opening day, disability recorded, residence relative to the vacancy's
/// office, education) only for this measurement: none of them is a feature.</summary>
public static class HoldoutFairness
{
    public const int TopK = 10;

    private static readonly string[] Dimensions = ["sex", "age_band", "disability", "residence", "education"];

    // The groups as the equal-opportunity report defines them (EqualOpportunityGroups), one row per held-out row.
    private const string Sql = $"""
        with f as (
            select r.row_number, s.sex, s.disability,
                   extract(year from age(r.day, s.birth_date))::int as age,
                   s.region_code = o.region_code or s.region_code like o.region_code || '.%' as local,
                   s.education_level
            from unnest(@Seekers::bigint[], @Days::date[], @Offices::bigint[])
                 with ordinality as r (seeker_id, day, office_id, row_number)
            join seekers s on s.id = r.seeker_id
            join offices o on o.id = r.office_id
        )
        select (f.row_number - 1)::int as "row", d.dimension, d.grp as "group"
        from f cross join lateral {EqualOpportunityGroups.Dimensions} as d (dimension, grp)
        where d.grp is not null
        """;

    public static async Task<IReadOnlyList<CandidateGroup>> LoadGroupsAsync(NpgsqlDataSource db,
        IReadOnlyList<HoldoutCandidate> rows, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var groups = await conn.QueryAsync<CandidateGroup>(new CommandDefinition(Sql, new
        {
            Seekers = rows.Select(r => r.SeekerId).ToArray(),
            Days = rows.Select(r => r.Day).ToArray(),
            Offices = rows.Select(r => r.OfficeId).ToArray(),
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return [.. groups];
    }

    /// <summary>The figures from each row's score under the model (and the serving model), the queries' row
    /// offsets and each row's groups.</summary>
    public static ModelFairness Evaluate(IReadOnlyList<int> queryOffsets, IReadOnlyList<double> scores,
        int? servingVersion, IReadOnlyList<double>? servingScores, IReadOnlyList<CandidateGroup> groups)
    {
        var top = InTopK(queryOffsets, scores);
        var servingTop = servingScores is null ? null : InTopK(queryOffsets, servingScores);
        var result = new List<FairnessGroup>();
        foreach (var dimension in groups.GroupBy(g => g.Dimension)
                     .OrderBy(d => Array.IndexOf(Dimensions, d.Key)).ThenBy(d => d.Key, StringComparer.Ordinal))
        {
            var members = dimension.GroupBy(g => g.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Group: g.Key, Rows: g.Select(r => r.Row).ToList())).ToList();
            var model = GroupRates.Judge([.. members.Select(m => (m.Rows.Count, m.Rows.Count(r => top[r])))]);
            var serving = servingTop is null ? null
                : GroupRates.Judge([.. members.Select(m => (m.Rows.Count, m.Rows.Count(r => servingTop[r])))]);
            result.AddRange(members.Select((m, i) => new FairnessGroup(dimension.Key, m.Group,
                GroupRates.Hidden(m.Rows.Count) ? null : m.Rows.Count, model[i], serving?[i])));
        }

        return new ModelFairness(TopK, queryOffsets.Count - 1, scores.Count, servingVersion, result);
    }

    /// <summary>Whether each row is among the top <see cref="TopK"/> of its query by score (ties: the earlier row).</summary>
    public static bool[] InTopK(IReadOnlyList<int> queryOffsets, IReadOnlyList<double> scores)
    {
        var top = new bool[scores.Count];
        for (var q = 0; q + 1 < queryOffsets.Count; q++)
        {
            var rows = Enumerable.Range(queryOffsets[q], queryOffsets[q + 1] - queryOffsets[q]);
            foreach (var r in rows.OrderByDescending(r => scores[r]).ThenBy(r => r).Take(TopK))
            {
                top[r] = true;
            }
        }

        return top;
    }
}
