using System.Globalization;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Workflow;
using Npgsql;

namespace LinkMatch.Api.Pages.Workflow;

/// <summary>What the workflow pages need to act on a suggestion: the services the API's workflow handlers take.
/// Each action validates its request record as the API's endpoint filter does, then calls the handler.</summary>
public sealed record WorkflowActions(NpgsqlDataSource Db, MatchingTriggers Matching, TimeProvider Time)
{
    public async Task<HandlerOutcome<WorkflowState>> ApproveAsync(long id, Caller caller, CancellationToken ct) =>
        Handlers.Outcome<WorkflowState>(await ReviewSuggestion.Approve(id, caller, Db, Matching, Time, ct));

    public async Task<HandlerOutcome<WorkflowState>> RejectAsync(long id, RejectRequest request, Caller caller,
        HttpContext http) =>
        await ValidAsync(request, http) ?? Handlers.Outcome<WorkflowState>(
            await ReviewSuggestion.Reject(id, request, caller, Db, Matching, http.RequestAborted));

    public async Task<HandlerOutcome<WorkflowState>> InterviewAsync(long id, InterviewRequest request, Caller caller,
        HttpContext http) =>
        await ValidAsync(request, http) ?? Handlers.Outcome<WorkflowState>(
            await ReferralOutcomes.Interview(id, request, caller, Db, http.RequestAborted));

    public async Task<HandlerOutcome<WorkflowState>> HireAsync(long id, HireRequest request, Caller caller,
        HttpContext http) =>
        await ValidAsync(request, http) ?? Handlers.Outcome<WorkflowState>(
            await HireCandidate.Hire(id, request, caller, Db, Matching, Time, http.RequestAborted));

    public async Task<HandlerOutcome<WorkflowState>> NotHiredAsync(long id, NotHiredRequest request, Caller caller,
        HttpContext http) =>
        await ValidAsync(request, http) ?? Handlers.Outcome<WorkflowState>(
            await ReferralOutcomes.NotHired(id, request, caller, Db, http.RequestAborted));

    public async Task<HandlerOutcome<WorkflowState>> RatifyAsync(long id, Caller caller, CancellationToken ct) =>
        Handlers.Outcome<WorkflowState>(await HireCandidate.Ratify(id, caller, Db, ct));

    /// <summary>Today in WITA, the day staff mean.</summary>
    public DateOnly Today => LinkMatch.Api.Http.Wita.Today(Time);

    private static async Task<HandlerOutcome<WorkflowState>?> ValidAsync<TRequest>(TRequest request, HttpContext http)
        where TRequest : notnull
    {
        var errors = await Handlers.ValidateAsync(request, http);
        return errors.Count > 0 ? new HandlerOutcome<WorkflowState>.Invalid(errors) : null;
    }

    /// <summary>Rupiah as staff type them ("4500000", "4.500.000", "Rp 4.500.000"); null when empty, false when it
    /// is not an amount.</summary>
    public static bool TryParseRupiah(string? value, out long? amount)
    {
        amount = null;
        var digits = (value ?? "").Replace("Rp", "", StringComparison.OrdinalIgnoreCase).Replace(".", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (digits.Length == 0)
        {
            return true;
        }

        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            amount = parsed;
            return true;
        }

        return false;
    }
}
