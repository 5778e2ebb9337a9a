using Npgsql;
using T = NpgsqlTypes.NpgsqlDbType;

namespace LinkMatch.Api.Demo;

public sealed partial class DemoLoader
{
    /// <summary>The MoUs' programme items and the activities recorded under them.</summary>
    private static async Task WriteProgrammesAsync(NpgsqlConnection conn, DemoWorld w, Func<int, long> mou,
        CancellationToken ct)
    {
        var commitment = await Ids(conn, "mou_commitments", w.Commitments.Count, ct);
        await Copy.RowsAsync(conn, """
            copy mou_commitments (id, mou_id, kind, target, starts_on, ends_on, owed_by, description)
            from stdin (format binary)
            """, w.Commitments, c => [(commitment(c.Id), T.Bigint), (mou(c.MouId), T.Bigint), (c.Kind, T.Text),
                (c.Target, T.Integer), (c.StartsOn, T.Date), (c.EndsOn, T.Date), (c.OwedBy, T.Text), (c.Description, T.Text)], ct);
        await Copy.RowsAsync(conn, """
            copy mou_activities (commitment_id, occurred_on, quantity, note, evidence, recorded_by)
            from stdin (format binary)
            """, w.Activities, a => [(commitment(a.CommitmentId), T.Bigint), (a.OccurredOn, T.Date),
                (a.Quantity, T.Integer), (a.Note, T.Text), (a.Evidence, T.Text), ("demo", T.Text)], ct);
    }
}
