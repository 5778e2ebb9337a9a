using Dapper;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Placements;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Workflow;

/// <summary>A referred candidate was hired: the placement is recorded exactly as <c>POST /api/v1/placements</c>
/// records one (<see cref="CreatePlacement.PlaceAsync"/>: one more filled opening, the vacancy 'filled' and its fill
/// reported when full, the seeker 'placed', their proposed suggestions removed, recomputes of matching and of the
/// stored reports enqueued), and the suggestion becomes 'hired'. An apprenticeship's agreement (months, stipend) is
/// recorded with the placement and waits for the office to ratify it.</summary>
internal static class HireCandidate
{
    public static async Task<Results<Ok<WorkflowState>, NotFound, ValidationProblem, ProblemHttpResult>> Hire(long id,
        HireRequest request, Caller caller, NpgsqlDataSource db, MatchingTriggers matching, TimeProvider time,
        CancellationToken ct)
    {
        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Hire, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        var apprenticeship = s.Kind == "apprenticeship";
        var months = apprenticeship ? request.DurationMonths ?? s.ApprenticeshipMonths : null;
        var errors = new FieldErrors()
            .AddIf(apprenticeship && request.MonthlyWage is not null, "monthlyWage",
                WorkflowText.Get("Hire.ApprenticeshipWage"))
            .AddIf(!apprenticeship && request.DurationMonths is not null, "durationMonths",
                WorkflowText.Get("Hire.JobDuration"))
            .AddIf(!apprenticeship && request.MonthlyStipend is not null, "monthlyStipend",
                WorkflowText.Get("Hire.JobStipend"))
            .AddIf(apprenticeship && months is null or > WorkflowLimits.MaxApprenticeshipMonths, "durationMonths",
                WorkflowText.Format("Hire.Duration", WorkflowLimits.MaxApprenticeshipMonths));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var start = request.StartDate ?? Http.Wita.Today(time);
        // An apprentice's stipend is kept where every apprenticeship placement keeps it: placements.wage.
        var pay = apprenticeship ? request.MonthlyStipend ?? s.Stipend : request.MonthlyWage;
        var placed = await CreatePlacement.PlaceAsync(conn, tx, caller,
            new CreatePlacementRequest(s.SeekerId, s.VacancyId, start, PlacementsApi.Suggestion, pay), null, matching,
            new PlacementVia(s.Id, months), ct);
        if (placed.Conflict is { } placementConflict)
        {
            return placementConflict;
        }

        if (placed.Invalid is not null)
        {
            // In scope and locked, so only an erased seeker gets here.
            return Problems.Conflict(WorkflowText.Get("Hire.Erased"));
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update suggestions set status = @Hired, placement_id = @PlacementId, reason_code = null where id = @id
            """, new { id, SuggestionStatuses.Hired, PlacementId = placed.Id }, tx, cancellationToken: ct));
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.Hired,
            Note: WorkflowNotes.Trimmed(request.Note),
            Details: new { PlacementId = placed.Id, placed.VacancyStatus, StartDate = start, DurationMonths = months }),
            ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }

    /// <summary>Pengesahan: staff of the seeker's office ratify the apprenticeship agreement recorded with the hire.</summary>
    public static async Task<Results<Ok<WorkflowState>, NotFound, ProblemHttpResult>> Ratify(long id, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var action = await WorkflowAction.BeginAsync(db, caller, id, Transitions.Ratify, ct);
        if (!action.Began)
        {
            return action.Conflict is { } conflict ? conflict : TypedResults.NotFound();
        }

        var (conn, tx, s) = (action.Conn, action.Tx, action.Suggestion);

        if (s.Kind != "apprenticeship" || s.DurationMonths is null)
        {
            return Problems.Conflict(WorkflowText.Get("Ratify.NotApprenticeship"));
        }

        if (s.RatifiedAt is not null)
        {
            return Problems.Conflict(WorkflowText.Get("Ratify.Already"));
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            update placements set ratified_at = now(), ratified_by = @UserId where id = @PlacementId
            """, new { caller.UserId, s.PlacementId }, tx, cancellationToken: ct));
        var state = await action.RecordAsync(new Transition(SuggestionStatuses.Hired,
            Details: new { s.PlacementId, s.DurationMonths }), ct);
        await action.CommitAsync(ct);
        return TypedResults.Ok(state);
    }
}
