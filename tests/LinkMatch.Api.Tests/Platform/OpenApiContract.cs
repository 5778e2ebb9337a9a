using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>One operation of the served OpenAPI document: who may call it and every input it takes, each with its
/// schema (references resolved).</summary>
public sealed record ContractOperation(string Method, string Path, string Id, JsonElement Element, string[] Roles,
    IReadOnlyList<ContractInput> Inputs, JsonElement? Body)
{
    /// <summary>The request example the document gives, if any: a body the server accepts as a whole.</summary>
    public string? Example => Element.TryGetProperty("requestBody", out var body)
        && body.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("example", out var example) ? example.GetRawText() : null;

    public string Name => $"{Method} {Path}";

    public bool Anonymous => Roles.Length == 0;

    public bool Declares(int status) => Element.GetProperty("responses").TryGetProperty(
        status.ToString(CultureInfo.InvariantCulture), out _);
}

/// <summary>A request input: a query, path or header parameter, or a property of the JSON body. <see cref="Field"/>
/// is the name a 400 answer uses for it (<c>officeId</c>, <c>competencies[0].minLevel</c>); <see cref="Segments"/>
/// locate a body property (an index is "[0]").</summary>
public sealed record ContractInput(string In, string Field, string[] Segments, JsonElement Schema, bool Required)
{
    /// <summary>The list the input is an item of (<c>competencyCodes</c> for <c>competencyCodes[0]</c>): a list's
    /// item rule may be reported at the list.</summary>
    public string? List => Field.EndsWith(']') ? Field[..Field.LastIndexOf('[')] : null;
}

/// <summary>Reads the served document into operations and inputs, and makes values from schemas: a valid value for
/// every input, and the values just past each documented limit.</summary>
public static class OpenApiContract
{
    public static async Task<JsonElement> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/swagger/v1/swagger.json");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static List<ContractOperation> Operations(JsonElement doc)
    {
        var operations = new List<ContractOperation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var inputs = new List<ContractInput>();
                foreach (var p in op.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    var name = p.GetProperty("name").GetString()!;
                    var schema = Resolve(doc, p.GetProperty("schema"));
                    var required = p.TryGetProperty("required", out var r) && r.GetBoolean();
                    inputs.Add(new ContractInput(p.GetProperty("in").GetString()!, name, [name], schema, required));
                    if (Type(schema) == "array")
                    {
                        inputs.Add(new ContractInput(p.GetProperty("in").GetString()!, $"{name}[0]", [name, "[0]"],
                            Resolve(doc, schema.GetProperty("items")), false));
                    }
                }

                JsonElement? body = null;
                if (op.Value.TryGetProperty("requestBody", out var rb))
                {
                    foreach (var media in rb.GetProperty("content").EnumerateObject())
                    {
                        var schema = Resolve(doc, media.Value.GetProperty("schema"));
                        if (media.Name == "application/json")
                        {
                            body = schema;
                            Walk(doc, schema, [], inputs);
                        }
                        else
                        {
                            inputs.Add(new ContractInput("body:" + media.Name, "body", [], schema, true));
                        }
                    }
                }

                var description = op.Value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
                var allowed = Regex.Match(description, @"Allowed: ([a-z, -]+)\.");
                var roles = op.Value.TryGetProperty("security", out _) && allowed.Success
                    ? allowed.Groups[1].Value.Split(", ")
                    : [];
                operations.Add(new ContractOperation(op.Name.ToUpperInvariant(), path.Name,
                    op.Value.GetProperty("operationId").GetString()!, op.Value, roles, inputs, body));
            }
        }

        return operations;
    }

    private static void Walk(JsonElement doc, JsonElement schema, string[] segments, List<ContractInput> inputs)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject())
        {
            var child = Resolve(doc, property.Value);
            string[] at = [.. segments, property.Name];
            inputs.Add(new ContractInput("body", FieldOf(at), at, child, required.Contains(property.Name)));
            if (Type(child) == "array")
            {
                var item = Resolve(doc, child.GetProperty("items"));
                string[] first = [.. at, "[0]"];
                inputs.Add(new ContractInput("body", FieldOf(first), first, item, false));
                Walk(doc, item, first, inputs);
            }

            Walk(doc, child, at, inputs);
        }
    }

    private static string FieldOf(string[] segments) =>
        string.Concat(segments.Select((s, i) => s.StartsWith('[') || i == 0 ? s : "." + s));

    /// <summary>A schema with its reference (or single allOf reference) followed; the outer schema's own limits
    /// win.</summary>
    public static JsonElement Resolve(JsonElement doc, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Resolve(doc, doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]));
        }

        return schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 ? Resolve(doc, all[0]) : schema;
    }

    public static string? Type(JsonElement schema) =>
        schema.TryGetProperty("type", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString()
            : t.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x != "null") : null;

    public static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    public static BigInteger? Whole(JsonElement schema, string keyword) =>
        Text(schema, keyword) is { } text && BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A valid sample of each pattern the document uses: a new pattern needs one here.</summary>
    private static readonly Dictionary<string, string> PatternSamples = new()
    {
        [@"^[0-9]{2}(\.[0-9]{2})?$"] = "64.71",
        [@"^[0-9]{1,4}(\.[0-9]{2})?$"] = "7212",
        ["^([A-U]|[0-9]{2,5})$"] = "25111",
        ["^[0-9]{5}$"] = "25111",
        ["^[A-U]$"] = "C",
        ["^[0-9]{4}-(0[1-9]|1[0-2])$"] = "2026-03",
        ["^[0-9]{16}$"] = "6471010101900001",
        ["^[0-9]{2}$"] = "64",
        ["^[A-Z0-9][A-Z0-9.-]*$"] = "UJI-1",
        ["^[A-Za-z0-9./-]+$"] = "AK1-001",
        ["^[A-Za-z0-9._-]+$"] = "uji.kontrak",
        ["^[!-~]+$"] = "b6f1c0de-0000-4000-8000-000000000001",
    };

    /// <summary>A value the schema accepts, as JSON text.</summary>
    public static string ValidJson(JsonElement doc, JsonElement schema)
    {
        schema = Resolve(doc, schema);
        if (schema.TryGetProperty("enum", out var values))
        {
            return values[0].GetRawText();
        }

        return Type(schema) switch
        {
            "string" => JsonSerializer.Serialize(ValidText(schema)),
            "integer" or "number" => (Whole(schema, "minimum") ?? 1).ToString(CultureInfo.InvariantCulture),
            "boolean" => "false",
            "array" => $"[{ValidJson(doc, schema.GetProperty("items"))}]",
            _ when schema.TryGetProperty("properties", out var properties) =>
                "{" + string.Join(",", properties.EnumerateObject().Select(p => $"\"{p.Name}\":{ValidJson(doc, p.Value)}")) + "}",
            _ => "{}",
        };
    }

    public static string ValidText(JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            return values[0].GetString()!;
        }

        switch (Text(schema, "format"))
        {
            case "date":
                return OfficeCalendar.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "date-time":
                return DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        }

        if (Text(schema, "pattern") is { } pattern)
        {
            return PatternSamples.TryGetValue(pattern, out var sample) ? sample
                : throw new InvalidOperationException($"No sample value for the pattern {pattern}: add one to PatternSamples.");
        }

        var length = (int)BigInteger.Max(Whole(schema, "minLength") ?? 0, 3);
        length = (int)BigInteger.Min(length, Whole(schema, "maxLength") ?? length);
        return string.Concat(Enumerable.Range(0, length).Select(i => "Ujikontrak"[i % 10]));
    }

    /// <summary>Values just past each limit the schema documents: the reason, the value as JSON text, and the value
    /// as a query or path parameter (null where it cannot be one).</summary>
    public static IEnumerable<(string Why, string Json, string? Raw)> PastLimits(JsonElement doc, JsonElement schema)
    {
        var type = Type(schema);
        if (schema.TryGetProperty("enum", out _))
        {
            yield return ("not one of the enumeration", "\"not-a-code\"", "not-a-code");
        }
        else if (type == "string")
        {
            var sample = ValidText(schema);
            if (Whole(schema, "maxLength") is { } max)
            {
                var text = new string(sample[0], (int)max + 1);
                yield return ($"maxLength {max} + 1", JsonSerializer.Serialize(text), text);
            }

            if (Whole(schema, "minLength") is { } min && min > 0)
            {
                var text = new string(sample[0], (int)min - 1);
                yield return ($"minLength {min} - 1", JsonSerializer.Serialize(text), text);
            }

            if (Text(schema, "pattern") is { } pattern && !Regex.IsMatch("!", pattern))
            {
                yield return ("does not match the pattern", "\"!\"", "!");
            }

            if (Text(schema, "format") is "date" or "date-time" && Text(schema, "format") is { } format)
            {
                var text = format == "date" ? "2027-02-30" : "2027-02-30T09:00:00+08:00";
                yield return ($"not a {format}", JsonSerializer.Serialize(text), text);
            }
        }
        else if (type is "integer" or "number")
        {
            if (Whole(schema, "minimum") is { } min)
            {
                var text = (min - 1).ToString(CultureInfo.InvariantCulture);
                yield return ($"minimum {min} - 1", text, text);
            }

            if (Whole(schema, "maximum") is { } max)
            {
                var text = (max + 1).ToString(CultureInfo.InvariantCulture);
                yield return ($"maximum {max} + 1", text, text);
            }
        }
        else if (type == "array")
        {
            var item = ValidJson(doc, schema.GetProperty("items"));
            if (Whole(schema, "maxItems") is { } max)
            {
                var items = Enumerable.Repeat(item, (int)max + 1).ToList();
                yield return ($"maxItems {max} + 1", $"[{string.Join(",", items)}]", null);
            }

            if (Whole(schema, "minItems") is { } min && min > 0)
            {
                yield return ($"minItems {min} - 1", "[]", null);
            }
        }
    }
}
