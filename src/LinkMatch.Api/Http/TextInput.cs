using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace LinkMatch.Api.Http;

/// <summary>What text a request may carry, in one place for every operation: no NUL or other control character
/// (PostgreSQL refuses NUL, and control characters in a name or a code are never meant), no unpaired surrogate (it
/// has no UTF-8 form). Tab and line breaks are allowed only in free text (<see cref="FreeTextAttribute"/>).
/// JSON strings are read through <see cref="PlainTextConverter"/> (registered for every request body) and
/// query-string values are checked by <see cref="TextInputMiddleware"/>; both answer 400 naming the field.</summary>
public static class TextInput
{
    /// <summary>The start of every refusal, so that the problem answer can tell it from other JSON errors.</summary>
    public const string Refusal = "The text contains ";

    /// <summary>Why <paramref name="value"/> is refused, or null when it is acceptable.</summary>
    public static string? Problem(string value, bool freeText)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return Refusal + "a NUL character (U+0000), which is never accepted.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return Refusal + $"an unpaired surrogate (U+{(int)c:X4}), which is not valid Unicode text.";
            }

            if (char.IsControl(c) && !(freeText && c is '\t' or '\n' or '\r'))
            {
                return Refusal + $"the control character U+{(int)c:X4}"
                    + (c is '\t' or '\n' or '\r' ? "; tabs and line breaks are allowed only in free-text fields." : ", which is never accepted.");
            }
        }

        return null;
    }

    /// <summary>The part of a raw request target (<c>/path?name=value</c>, percent-encoded) whose bytes are not
    /// UTF-8: <c>path</c>, or the query parameter's name; null when all of it is.</summary>
    public static string? BrokenUtf8(string? rawTarget)
    {
        if (rawTarget is null || !rawTarget.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        if (!IsUtf8(query < 0 ? rawTarget : rawTarget[..query]))
        {
            return "path";
        }

        foreach (var pair in query < 0 ? [] : rawTarget[(query + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (!IsUtf8(pair))
            {
                return IsUtf8(name) ? FieldNames.ToJsonName(Uri.UnescapeDataString(name.Replace('+', ' '))) : "query";
            }
        }

        return null;
    }

    private static bool IsUtf8(string escaped)
    {
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length
                && byte.TryParse(escaped.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(escaped[i].ToString()));
            }
        }

        return System.Text.Unicode.Utf8.IsValid(bytes.ToArray());
    }
}

/// <summary>Reads every JSON string of a request as single-line text (see <see cref="TextInput"/>).</summary>
public sealed class PlainTextConverter : JsonConverter<string>
{
    private readonly bool freeText;

    public PlainTextConverter() : this(freeText: false)
    {
    }

    internal PlainTextConverter(bool freeText) => this.freeText = freeText;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"The JSON value could not be converted to {typeToConvert}.");
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\uD800) cannot be decoded.
            throw new JsonException(TextInput.Refusal + "an unpaired surrogate, which is not valid Unicode text.");
        }

        return TextInput.Problem(value, freeText) is { } problem ? throw new JsonException(problem) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>Marks a free-text property (a description, a note, an address): tabs and line breaks are allowed
/// there; other control characters are not.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class FreeTextAttribute : JsonConverterAttribute
{
    public override JsonConverter CreateConverter(Type typeToConvert) => new PlainTextConverter(freeText: true);
}

/// <summary>Refuses an API request whose path or query string carries a value that <see cref="TextInput"/> does
/// not accept, before any endpoint binds it: 400 problem+json naming the parameter (<c>path</c> for the path, whose
/// segments are route values such as a region's code). (The console's forms and queries pass
/// <see cref="Pages.InputGuard"/>, which answers with its 400 page.)</summary>
public sealed class TextInputMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (Pages.ConsoleSetup.IsConsole(context.Request))
        {
            await next(context);
            return;
        }

        if (TextInput.Problem(context.Request.Path.Value ?? "", freeText: false) is { } inPath)
        {
            await RefuseAsync(context, problems, "path", inPath);
            return;
        }

        // The server decodes broken UTF-8 in the address (an encoded unpaired surrogate, %ED%A0%80) to U+FFFD
        // silently; the raw address still shows it.
        if (TextInput.BrokenUtf8(context.Features.Get<IHttpRequestFeature>()?.RawTarget) is { } broken)
        {
            await RefuseAsync(context, problems, broken, TextInput.Refusal + "bytes that are not UTF-8 (an unpaired surrogate, say).");
            return;
        }

        foreach (var (name, values) in context.Request.Query)
        {
            var inName = TextInput.Problem(name, freeText: false);
            var problem = inName
                ?? values.Select(v => v is null ? null : TextInput.Problem(v, freeText: false)).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                await RefuseAsync(context, problems, inName is null ? FieldNames.ToJsonName(name) : "query", problem);
                return;
            }
        }

        await next(context);
    }

    private static async Task RefuseAsync(HttpContext context, IProblemDetailsService problems, string field, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [problem] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
            },
        });
    }
}
