using System.Diagnostics;
using LinkMatch.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>Hostile input, generated from the OpenAPI document: every input of every operation (each request
/// property, list item, query, header and path parameter) gets each hostile value its type admits — NUL, another
/// control character and an unpaired surrogate in text; an over-long number and one just outside the integer's
/// type (int32 or int64) in integers; 1e400 in numbers; an impossible date; a string where a boolean goes — and
/// every operation with a JSON body gets malformed JSON, each sent as every role (admin, staff, instructor, an
/// employer's key, anonymous) with the rest of the request valid. No answer is a 5xx or one the operation does not
/// declare; a role the operation admits gets 400 problem+json naming the field (or 404 for a path that names no
/// object); the canary's data is in no answer (<see cref="CanaryGuard"/> on every caller); and the database's
/// fingerprint (<see cref="DatabaseSnapshot"/>: every row of every table) is the same after the sweep. About
/// 10,000 requests, four at a time.</summary>
[Collection(ContractWorld.Collection)]
public sealed class HostileInputSweepTests(ContractWorld world, ITestOutputHelper output)
{
    private sealed record Case(ContractOperation Op, ContractInput? Input, string Why, Func<HttpRequestMessage> Request);

    [Fact]
    public async Task Hostile_values_in_every_field_as_every_role_are_refused_without_a_5xx_a_change_or_the_canary()
    {
        var cases = Cases().ToList();
        var before = await DatabaseSnapshot.TakeAsync(world.App);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases.SelectMany(c => world.Callers.Select(caller => (c, caller))),
            new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (work, ct) =>
            {
                var (c, (role, client)) = work;
                Interlocked.Increment(ref sent);
                var label = $"{c.Op.Name} {c.Input?.In} {c.Input?.Field} ({c.Why}) as {role}";
                try
                {
                    using var request = c.Request();
                    using var response = await client.SendAsync(request, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    var status = (int)response.StatusCode;
                    if (status >= 500 || !c.Op.Declares(status))
                    {
                        failures.Add($"{label}: {status}{(status >= 500 ? "" : ", not declared")} {ContractLimitTests.Truncate(body)}");
                    }
                    else if (Admits(c.Op, role) && c.Input is { In: not "path" } input
                        && (status != 400 || !ContractLimitTests.NamesField(body, input)))
                    {
                        failures.Add($"{label}: {status}, expected 400 naming the field {ContractLimitTests.Truncate(body)}");
                    }
                }
                catch (InvalidOperationException leak) when (leak.Message.Contains("canary", StringComparison.Ordinal))
                {
                    failures.Add($"{label}: {leak.Message}");
                }
            });
        var after = await DatabaseSnapshot.TakeAsync(world.App);

        output.WriteLine($"{sent} requests ({cases.Count} cases x {world.Callers.Count} roles) in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(sent > 3000, $"only {sent} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent}:\n" + string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal)));
        Assert.Empty(DatabaseSnapshot.Diff(before, after));
    }

    private static bool Admits(ContractOperation op, string role) => op.Anonymous || op.Roles.Contains(role);

    private IEnumerable<Case> Cases()
    {
        foreach (var op in world.Operations)
        {
            var body = world.ValidBody(op);
            if (body is not null)
            {
                yield return new Case(op, null, "malformed JSON", () => world.Request(op, [], """{"a":[1,"""));
            }

            foreach (var input in op.Inputs)
            {
                foreach (var (why, json, raw) in HostileValues.For(input.Schema))
                {
                    switch (input.In)
                    {
                        case "body":
                            yield return new Case(op, input, why, () => world.Request(op, [], world.BodyWith(op, input.Segments, json)));
                            break;
                        case "query":
                            yield return new Case(op, input, why, () => world.Request(op, [(input.Segments[0], raw)], body));
                            break;
                        case "header":
                            // A header carries no NUL or raw surrogate on the wire; it is checked in the handler.
                            if (!raw.Contains('%', StringComparison.Ordinal))
                            {
                                yield return new Case(op, input, why, () => world.Request(op, [], body,
                                    headers: new Dictionary<string, string> { [input.Field] = Uri.UnescapeDataString(raw) }));
                            }

                            break;
                        case "path":
                            yield return new Case(op, input, why, () => world.Request(op, [], body,
                                pathValues: new Dictionary<string, string> { [input.Field] = raw }));
                            break;
                    }
                }
            }
        }
    }
}

/// <summary>The hostile values of a schema's type: the reason, the value as JSON text, and the value as an escaped
/// query or path parameter.</summary>
public static class HostileValues
{
    public static IEnumerable<(string Why, string Json, string Raw)> For(System.Text.Json.JsonElement schema)
    {
        switch (OpenApiContract.Type(schema))
        {
            case "string" when OpenApiContract.Text(schema, "format") is "date" or "date-time":
                yield return ("impossible date", "\"2027-02-30\"", "2027-02-30");
                yield return ("impossible month", "\"2026-13-01T09:00:00+08:00\"", "2026-13-01T09%3A00%3A00%2B08%3A00");
                break;
            case "string":
                yield return ("NUL", "\"Uji\\u0000kontrak\"", "Uji%00kontrak");
                yield return ("escape character", "\"Uji\\u001Bkontrak\"", "Uji%1Bkontrak");
                yield return ("unpaired surrogate", "\"Uji\\ud800kontrak\"", "Uji%ED%A0%80kontrak");
                break;
            case "integer":
                var int64 = OpenApiContract.Text(schema, "format") == "int64";
                yield return ("over-long number", "123456789012345678901234567890", "123456789012345678901234567890");
                var past = int64 ? "9223372036854775808" : "2147483648";
                yield return ("outside the integer type", past, past);
                yield return ("below the integer type", "-" + past + "1", "-" + past + "1");
                break;
            case "number":
                yield return ("1e400", "1e400", "1e400");
                yield return ("over-long number", "1" + new string('0', 40), "1" + new string('0', 40));
                break;
            case "boolean":
                yield return ("not a boolean", "\"yes\"", "yes");
                break;
        }
    }
}
