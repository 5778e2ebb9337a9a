using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The served OpenAPI document says what the server enforces and every answer an operation can give: a
/// walk over every operation fails naming each request property, list item, query, header or path parameter
/// without a limit, and each operation without one of its error answers. (That each documented limit is enforced:
/// <see cref="ContractLimitTests"/>.)</summary>
public class ContractDocumentTests
{
    /// <summary>What employers' systems call; each has its request (where it takes a body) and answer examples.</summary>
    private static readonly string[] PartnerOperations =
    [
        "CreateVacancy_Create", "UpdateVacancy_Update", "VacancyFilling_Fill", "VacancyQueries_Get",
        "WorkflowQueries_ListReferrals", "WorkflowQueries_Get", "ReferralOutcomes_Interview", "HireCandidate_Hire",
        "ReferralOutcomes_NotHired", "PlacementQueries_Get",
    ];

    [Fact]
    public async Task Every_request_property_and_parameter_carries_a_limit()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await OpenApiContract.DocumentAsync(client);
        var operations = OpenApiContract.Operations(doc);
        var unbounded = new List<string>();
        var inputs = 0;
        foreach (var op in operations)
        {
            foreach (var input in op.Inputs)
            {
                inputs++;
                if (Missing(input) is { } missing)
                {
                    unbounded.Add($"{op.Name} {input.In} {input.Field}: {missing}");
                }
            }
        }

        Assert.True(inputs > 400, $"only {inputs} inputs");
        Assert.True(unbounded.Count == 0, "without a limit:\n" + string.Join("\n", unbounded));
    }

    [Fact]
    public async Task Every_operation_declares_its_error_answers_as_problem_json()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await OpenApiContract.DocumentAsync(client);
        var missing = new List<string>();
        foreach (var op in OpenApiContract.Operations(doc))
        {
            var secured = op.Element.TryGetProperty("security", out _);
            var employer = secured && op.Element.GetProperty("security").GetRawText().Contains("apiKey", StringComparison.Ordinal);
            var expected = new List<string> { "500", "503" };
            expected.AddRange(op.Inputs.Count > 0 ? ["400"] : []);
            expected.AddRange(secured ? ["401", "403"] : []);
            expected.AddRange(op.Inputs.Any(i => i.In == "path") ? ["404"] : []);
            expected.AddRange(employer || op.Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) && !secured ? ["429"] : []);
            var responses = op.Element.GetProperty("responses");
            missing.AddRange(expected.Where(code => !responses.TryGetProperty(code, out _)).Select(code => $"{op.Name}: no {code}"));
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                if (!response.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem))
                {
                    missing.Add($"{op.Name}: {response.Name} is not problem+json");
                }
                else if (response.Name == "400" && !problem.GetProperty("schema").GetRawText().Contains("HttpValidationProblemDetails", StringComparison.Ordinal))
                {
                    missing.Add($"{op.Name}: 400 without the validation problem (errors by field)");
                }
            }

            if (responses.TryGetProperty("429", out var limited) && !limited.TryGetProperty("headers", out _))
            {
                missing.Add($"{op.Name}: 429 without Retry-After");
            }
        }

        Assert.True(missing.Count == 0, "undeclared answers:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Partner_operations_carry_examples_that_use_only_their_schemas_properties()
    {
        var app = await TestApp.SharedAsync();
        using var client = app.Anonymous();
        var doc = await OpenApiContract.DocumentAsync(client);
        var problems = new List<string>();
        foreach (var op in OpenApiContract.Operations(doc).Where(o => PartnerOperations.Contains(o.Id)))
        {
            if (op.Element.TryGetProperty("requestBody", out var body))
            {
                var media = body.GetProperty("content").GetProperty("application/json");
                problems.AddRange(Check(doc, op.Name + " request", media));
            }

            var success = op.Element.GetProperty("responses").EnumerateObject().First(r => r.Name[0] == '2');
            problems.AddRange(Check(doc, $"{op.Name} {success.Name}", success.Value.GetProperty("content").GetProperty("application/json")));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> Check(JsonElement doc, string what, JsonElement media)
    {
        if (!media.TryGetProperty("example", out var example))
        {
            yield return $"{what}: no example";
            yield break;
        }

        var schema = OpenApiContract.Resolve(doc, media.GetProperty("schema"));
        var properties = schema.GetProperty("properties");
        foreach (var property in example.EnumerateObject().Where(p => !properties.TryGetProperty(p.Name, out _)))
        {
            yield return $"{what}: the example's '{property.Name}' is not in the schema";
        }

        foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            if (!example.TryGetProperty(required.GetString()!, out _))
            {
                yield return $"{what}: the example lacks the required '{required.GetString()}'";
            }
        }
    }

    /// <summary>What limit the input lacks, or null: text has a maxLength (or is an enumeration, a date or, in a
    /// path, a pattern), a number its minimum and maximum, a list its maxItems (its items are inputs of their own).</summary>
    private static string? Missing(ContractInput input)
    {
        var s = input.Schema;
        bool Has(string keyword) => s.TryGetProperty(keyword, out _);
        return OpenApiContract.Type(s) switch
        {
            _ when Has("enum") => null,
            "string" when Has("maxLength") || OpenApiContract.Text(s, "format") is "date" or "date-time" => null,
            "string" when input.In == "path" && Has("pattern") => null,
            "string" => "no maxLength",
            "integer" or "number" when Has("minimum") && Has("maximum") => null,
            "integer" or "number" => "no minimum and maximum",
            "array" => Has("maxItems") ? null : "no maxItems",
            "boolean" => null,
            "object" or null when Has("properties") => null,
            var type => $"a {type ?? "value of no type"} the walk cannot bound",
        };
    }
}
