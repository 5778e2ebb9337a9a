using System.Diagnostics.CodeAnalysis;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>The start every transition shares: open a transaction, lock the suggestion
/// (<see cref="SuggestionLocks.LockAsync"/>), and check the action may start from its status
/// (<see cref="Transitions.Refuse"/>). When it has not <see cref="Began"/>, the handler answers 404 (not the caller's,
/// or gone) or <see cref="Conflict"/>:
/// <code>
/// await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Approve, ct);
/// if (!action.Began)
/// {
///     return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
/// }
/// </code></summary>
internal sealed class WorkflowAction(NpgsqlConnection conn, NpgsqlTransaction tx, Caller caller, string name)
    : HandlerTransaction(conn, tx)
{
    public Caller Caller { get; } = caller;

    /// <summary>The action, one of the names in <see cref="Transitions"/>.</summary>
    public string Name { get; } = name;

    /// <summary>The locked suggestion, once the action began.</summary>
    public LockedSuggestion? Suggestion { get; private set; }

    /// <summary>409: the action may not start from the suggestion's status.</summary>
    public ProblemHttpResult? Conflict { get; private set; }

    [MemberNotNullWhen(true, nameof(Suggestion))]
    public bool Began => Suggestion is not null && Conflict is null;

    public static async Task<WorkflowAction> BeginAsync(NpgsqlDataSource db, Caller caller, long id, string name,
        CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        var action = new WorkflowAction(conn, await conn.BeginTransactionAsync(ct), caller, name);
        action.Suggestion = await SuggestionLocks.LockAsync(conn, action.Tx, caller, id, ct);
        action.Conflict = action.Suggestion is { } s ? Transitions.Refuse(name, s) : null;
        return action;
    }

    /// <summary>Writes what the transition writes besides its own change (<see cref="Transitions.RecordAsync"/>) and
    /// reads the new state back.</summary>
    public Task<WorkflowState> RecordAsync(Transition transition, CancellationToken ct) =>
        Transitions.RecordAsync(this, transition, ct);
}
