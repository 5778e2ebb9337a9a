using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The document and the server cannot drift apart: for every operation, every request property, query
/// parameter, header and path parameter, and every limit the document gives it (maxLength, minLength, pattern,
/// enum, format, minimum, maximum, maxItems, minItems, and the same on a list's items), a value just past the limit
/// is sent with an otherwise valid request (made from the schema: <see cref="OpenApiContract.ValidJson"/>), as a role
/// the operation admits (a request example where the document gives one). A body, query or header value is 400
/// problem+json naming the field; a path value is 404 (a path with an id outside the documented range names no
/// object) or 400. Every answer is one the operation
/// declares.</summary>
[Collection(ContractWorld.Collection)]
public sealed class ContractLimitTests(ContractWorld world, ITestOutputHelper output)
{
    [Fact]
    public async Task A_value_just_past_each_documented_limit_is_400_naming_the_field()
    {
        var failures = new List<string>();
        var cases = 0;
        var clock = Stopwatch.StartNew();
        foreach (var op in world.Operations)
        {
            var caller = world.CallerFor(op);
            foreach (var input in op.Inputs.Where(i => !i.In.StartsWith("body:", StringComparison.Ordinal)))
            {
                foreach (var (why, json, raw) in OpenApiContract.PastLimits(world.Document, input.Schema))
                {
                    using var request = Build(op, input, json, raw);
                    if (request is null)
                    {
                        continue;
                    }

                    cases++;
                    using var response = await caller.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var label = $"{op.Name} {input.In} {input.Field} ({why}): {status}";
                    if (!op.Declares(status))
                    {
                        failures.Add($"{label}, an answer the operation does not declare");
                    }

                    // A path names an object: past its limits it names none (404), or the request is refused
                    // before the object is looked up (400, for the path or for what the body lacks without it).
                    if (input.In == "path" && status is 404 or 400)
                    {
                        continue;
                    }

                    if (status != 400 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        failures.Add($"{label}, expected 400 problem+json {Truncate(body)}");
                    }
                    else if (!NamesField(body, input))
                    {
                        failures.Add($"{label} does not name the field: {Truncate(body)}");
                    }
                }
            }
        }

        output.WriteLine($"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(cases > 300, $"only {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases:\n" + string.Join("\n", failures));
    }

    private HttpRequestMessage? Build(ContractOperation op, ContractInput input, string json, string? raw)
    {
        var body = world.ValidBody(op);
        switch (input.In)
        {
            case "body":
                return world.Request(op, [], world.BodyWith(op, input.Segments, json));
            case "query" when raw is not null:
                return world.Request(op, [(input.Segments[0], Uri.EscapeDataString(raw))], body);
            case "query":
                // A list past its length: the parameter repeated.
                var items = JsonSerializer.Deserialize<JsonElement[]>(json)!.Select(i => (input.Segments[0],
                    Uri.EscapeDataString(i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText())));
                return world.Request(op, items, body);
            case "header" when raw is not null:
                return world.Request(op, [], body, headers: new Dictionary<string, string> { [input.Field] = raw });
            case "path" when raw is not null:
                return world.Request(op, [], body, pathValues: new Dictionary<string, string> { [input.Field] = Uri.EscapeDataString(raw) });
            default:
                return null;
        }
    }

    /// <summary>The problem's errors name the input: its JSON name, the list it is an item of, or for a path or a
    /// header, its name in any case (or <c>path</c>, the whole path).</summary>
    internal static bool NamesField(string body, ContractInput input)
    {
        var root = JsonDocument.Parse(body).RootElement;
        if (!root.TryGetProperty("errors", out var errors))
        {
            return false;
        }

        return errors.EnumerateObject().Any(e => e.Name == input.Field || e.Name == input.List
            || input.In is "header" or "path" && (e.Name.Equals(input.Field, StringComparison.OrdinalIgnoreCase) || e.Name == "path"));
    }

    internal static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
