using System.Data;
using System.Diagnostics.CodeAnalysis;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Seekers;

/// <summary>The start every handler of one seeker shares: open a transaction and find the seeker in the caller's
/// scope (<see cref="SeekerData.FindAsync"/>, locked for a change). When it is not <see cref="Found"/>, the handler
/// answers 404 (not the caller's, or no such seeker) or <see cref="Gone"/> (410: erased):
/// <code>
/// await using var live = await LiveSeeker.FindAsync(db, caller, id, forUpdate: true, ct);
/// if (!live.Found)
/// {
///     return live.Gone is { } gone ? gone : TypedResults.NotFound();
/// }
/// </code></summary>
internal sealed class LiveSeeker(NpgsqlConnection conn, NpgsqlTransaction tx) : HandlerTransaction(conn, tx)
{

    /// <summary>The seeker, when found and not erased.</summary>
    public SeekerRow? Row { get; private set; }

    /// <summary>410: the seeker's personal data was erased.</summary>
    public ProblemHttpResult? Gone { get; private set; }

    [MemberNotNullWhen(true, nameof(Row))]
    public bool Found => Row is not null;

    /// <summary><paramref name="isolation"/>: the transaction's, when a handler needs more than the default.</summary>
    public static async Task<LiveSeeker> FindAsync(NpgsqlDataSource db, Caller caller, long id, bool forUpdate,
        CancellationToken ct, IsolationLevel isolation = IsolationLevel.Unspecified)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var live = new LiveSeeker(conn, await conn.BeginTransactionAsync(isolation, ct));
        var row = await SeekerData.FindAsync(conn, live.Tx, caller, id, forUpdate, ct);
        if (row is { Erased: true })
        {
            live.Gone = SeekerReading.Gone();
        }
        else
        {
            live.Row = row;
        }

        return live;
    }
}
