namespace LinkMatch.Api.Pages;

/// <summary>Refuses a console request whose query or form carries a control character (U+0000 and the rest of C0
/// but tab, line feed and carriage return; DEL and C1) or an unpaired surrogate: no person types one, PostgreSQL cannot store U+0000, and nothing
/// downstream should have to think about them. The answer is the 400 page naming the field (or saying the form
/// could not be read); no page runs.</summary>
public sealed class InputGuard(RequestDelegate next)
{
    /// <summary>Where the refused field's name waits for the error page; "?" when the form was unreadable.</summary>
    public const string RefusedField = "console.refused-field";

    public const string Unreadable = "?";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (ConsoleSetup.IsConsole(request) && !request.Path.StartsWithSegments("/galat")
            && await RefusedAsync(request) is { } field)
        {
            context.Items[RefusedField] = field;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    }

    private static async Task<string?> RefusedAsync(HttpRequest request)
    {
        var fields = request.Query.Select(q => (q.Key, q.Value)).ToList();
        if (request.HasFormContentType)
        {
            try
            {
                fields.AddRange((await request.ReadFormAsync()).Select(f => (f.Key, f.Value)));
            }
            catch (InvalidDataException)
            {
                // The framework's form reader refuses U+0000 itself.
                return Unreadable;
            }
        }

        foreach (var (name, values) in fields)
        {
            if (HasControl(name))
            {
                return Unreadable;
            }

            if (values.Any(v => v is not null && HasControl(v)))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The API's rule (<see cref="Http.TextInput"/>) for free text: a form does not say which of its
    /// fields are single-line, so tabs and line breaks pass here and the handler's own checks decide.</summary>
    public static bool HasControl(string value) => Http.TextInput.Problem(value, freeText: true) is not null;
}
