#pragma warning disable ASP0029 // Microsoft.Extensions.Validation is what the API's endpoint filter runs.
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>What an API handler answered, as a page needs it. Pages call the API's handlers (same scoping, same
/// checks, same audit rows) and turn their typed results into one of these.</summary>
public abstract record HandlerOutcome<T>
{
    private HandlerOutcome()
    {
    }

    /// <summary>2xx with a value.</summary>
    public sealed record Success(T Value) : HandlerOutcome<T>;

    /// <summary>404: not there, or not the caller's (the console shows its 404 page either way).</summary>
    public sealed record NotFound : HandlerOutcome<T>;

    /// <summary>400 naming fields (JSON names, as the API reports them).</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : HandlerOutcome<T>;

    /// <summary>Any other refusal (409, 410, 422, …) with the handler's explanation.</summary>
    public sealed record Refused(int Status, string? Title, string? Detail) : HandlerOutcome<T>;

    public T? ValueOrDefault => this is Success s ? s.Value : default;
}

/// <summary>Validates requests as the API's endpoint filter does and reads handlers' typed results.</summary>
public static class Handlers
{
    /// <summary>Reads a handler's typed result (<c>Results&lt;Ok&lt;T&gt;, NotFound, …&gt;</c> or a single
    /// result).</summary>
    public static HandlerOutcome<T> Outcome<T>(IResult result)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner switch
        {
            IValueHttpResult<T> { Value: { } value } => new HandlerOutcome<T>.Success(value),
            ValidationProblem invalid => new HandlerOutcome<T>.Invalid(invalid.ProblemDetails.Errors),
            ProblemHttpResult problem => new HandlerOutcome<T>.Refused(problem.StatusCode,
                problem.ProblemDetails.Title, problem.ProblemDetails.Detail),
            IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound } => new HandlerOutcome<T>.NotFound(),
            IStatusCodeHttpResult { StatusCode: { } status } => new HandlerOutcome<T>.Refused(status, null, null),
            _ => throw new InvalidOperationException($"A handler answered {inner.GetType().Name}, which the console does not read."),
        };
    }

    /// <summary>The DataAnnotations checks the API runs on a request before its handler, with the field names the
    /// API reports ('items[0].competencyId'). Empty when the request is valid.</summary>
    public static async Task<IDictionary<string, string[]>> ValidateAsync<TRequest>(TRequest request,
        HttpContext http) where TRequest : notnull
    {
        var options = http.RequestServices.GetRequiredService<IOptions<ValidationOptions>>().Value;
        if (!options.TryGetValidatableTypeInfo(typeof(TRequest), out var info))
        {
            // Records bound [AsParameters] (filters, paging) have no generated type info: their attributes are
            // checked one property at a time by the endpoint filter, which is what this does.
            return Attributes(request, http);
        }

        var context = new ValidateContext
        {
            ValidationOptions = options,
            ValidationContext = new System.ComponentModel.DataAnnotations.ValidationContext(request, http.RequestServices,
                null),
        };
        await info.ValidateAsync(request, context, http.RequestAborted);
        var errors = context.ValidationErrors is { } found
            ? new Dictionary<string, string[]>(found)
            : new Dictionary<string, string[]>();
        FieldNames.ToJsonNames(errors);
        return errors;
    }

    private static Dictionary<string, string[]> Attributes(object request, HttpContext http)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(request,
            new System.ComponentModel.DataAnnotations.ValidationContext(request, http.RequestServices, null), results,
            validateAllProperties: true);
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(e => e.Member, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "").ToArray());
        FieldNames.ToJsonNames(errors);
        return errors;
    }
}
