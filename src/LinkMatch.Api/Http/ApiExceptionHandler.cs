using System.Text.Json;
using System.Text.RegularExpressions;
using LinkMatch.Api.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace LinkMatch.Api.Http;

/// <summary>Turns what reaches the top of the pipeline into problem+json: unreadable requests name the field at
/// fault; a lost database is a 503; anything else is a 500 that carries no exception text.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (ConsoleSetup.IsConsole(context.Request))
        {
            // The console's error page answers, with the status StatusFor chose.
            return false;
        }

        switch (exception)
        {
            case BadHttpRequestException bad:
                return await WriteBadRequestAsync(context, bad);
            case NpgsqlException { IsTransient: true } or TimeoutException:
                logger.LogWarning(exception, "Database unavailable");
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                return await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "The database is not reachable at the moment. Try again shortly.");
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                context.Response.StatusCode = 499;
                return true;
            default:
                logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method,
                    context.Request.Path);
                return await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
                    "Something went wrong on our side; it has been logged.");
        }
    }

    /// <summary>The status of an error the console shows on its error page.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        NpgsqlException { IsTransient: true } or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private async ValueTask<bool> WriteBadRequestAsync(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            var title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                _ => "Bad request",
            };
            var detail = bad.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Send the body as application/json."
                : bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body exceeds the limit." : null;
            return await WriteAsync(context, bad.StatusCode, title, detail);
        }

        var errors = Describe(bad);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private async ValueTask<bool> WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Field-level errors for a request the framework could not read, without .NET type names.</summary>
    internal static Dictionary<string, string[]> Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = FieldOf(json.Path);
            var message = json.Message;
            var missing = MissingProperties().Match(message);
            if (missing.Success)
            {
                return missing.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Trim('\''))
                    .ToDictionary(p => Join(path, p), _ => new[] { "The field is required." });
            }

            var refusal = message.IndexOf(TextInput.Refusal, StringComparison.Ordinal);
            if (refusal >= 0)
            {
                var reason = message[refusal..];
                var end = reason.IndexOf(" Path:", StringComparison.Ordinal);
                return new() { [path.Length == 0 ? "body" : path] = [end < 0 ? reason : reason[..end]] };
            }

            var unmapped = UnmappedProperty().Match(message);
            if (unmapped.Success)
            {
                var name = unmapped.Groups[1].Value;
                var field = path.EndsWith(name, StringComparison.Ordinal) ? path : Join(path, name);
                return new() { [field] = ["Unknown field; it is not part of this request."] };
            }

            if (message.Contains("null values", StringComparison.Ordinal))
            {
                return new() { [path] = ["The field must not be null."] };
            }

            var expected = ConvertedTo().Match(message) is { Success: true } m ? Expected(m.Groups[1].Value) : null;
            return new()
            {
                [path.Length == 0 ? "body" : path] = [expected is null
                    ? "The value is not valid JSON of the expected type or format."
                    : $"The value must be {expected}."],
            };
        }

        var parameter = BindingParameter().Match(bad.Message);
        if (parameter.Success)
        {
            var value = parameter.Groups[2].Value;
            var text = value.Length == 0 ? "The value is required." : $"'{Truncate(value)}' is not a valid value.";
            return new() { [parameter.Groups[1].Value] = [text] };
        }

        var required = RequiredParameter().Match(bad.Message);
        if (required.Success)
        {
            return new() { [required.Groups[1].Value] = ["The value is required."] };
        }

        return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? new() { ["body"] = ["A JSON request body is required."] }
            : new() { ["request"] = ["The request could not be read."] };
    }

    /// <summary>What a value of a .NET type looks like in JSON, for the types requests use.</summary>
    private static string? Expected(string type) => type switch
    {
        "Int32" => "a whole number from -2147483648 to 2147483647",
        "Int64" => "a whole number from -9223372036854775808 to 9223372036854775807",
        "Int16" => "a whole number from -32768 to 32767",
        "Decimal" => "a number with at most 28 significant digits",
        "Double" or "Single" => "a finite number",
        "Boolean" => "true or false",
        "DateOnly" => "a calendar date written YYYY-MM-DD",
        "DateTimeOffset" or "DateTime" => "a date and time in ISO 8601 with its offset, e.g. 2026-12-03T08:00:00+08:00",
        "TimeOnly" => "a time of day written HH:mm",
        "Guid" => "a GUID",
        "String" => "a string",
        _ => null,
    };

    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"could not be converted to (?:System\.Nullable`1\[)?System\.(\w+)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("Failed to bind parameter \"\\S+ (\\w+)\" from \"(.*)\"")]
    private static partial Regex BindingParameter();

    [GeneratedRegex("Required parameter \"\\S+ (\\w+)\" was not provided")]
    private static partial Regex RequiredParameter();
}
