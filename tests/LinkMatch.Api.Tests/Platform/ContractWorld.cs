using System.Text;
using System.Text.Json.Nodes;
using LinkMatch.Api.Tests.Access;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>A service of its own for the contract tests, which send thousands of refused requests: one owner with
/// an object of every kind (<see cref="OwnersWorld.OneOfEverythingAsync"/>) so that paths name real objects, a
/// caller of every role, budgets high enough that no answer is a 429, and no background workers, so that a
/// database fingerprint holds still unless a request changes something.</summary>
public sealed class ContractWorld : IAsyncLifetime
{
    public const string Collection = "contract-world";

    private const string Placeholder = "__contract_value__";

    private OwnersWorld.Owner owner = null!;

    public TestApp App { get; private set; } = null!;

    public System.Text.Json.JsonElement Document { get; private set; }

    public List<ContractOperation> Operations { get; private set; } = [];

    /// <summary>A caller of each role: admin, staff, instructor, employer (API key) and anonymous.</summary>
    public Dictionary<string, HttpClient> Callers { get; } = [];

    public async Task InitializeAsync()
    {
        App = await TestApp.StartIsolatedAsync("contract", new Dictionary<string, string>
        {
            ["RateLimits__SignInsPerMinutePerAddress"] = "1000000",
            ["RateLimits__RequestsPerMinutePerApiKey"] = "1000000",
            ["Jobs__Workers"] = "0",
            // Accepted writes (an MoU's commitment, say) enqueue report recomputes; due at once they are available
            // from the start, where a delayed one would be staged in the middle of a later test's fingerprints.
            ["Reports__RefreshDelay"] = "00:00:00",
        });
        owner = await OwnersWorld.OneOfEverythingAsync(App);
        Callers["admin"] = await App.AdminAsync();
        Callers["staff"] = owner.Staff;
        Callers["instructor"] = owner.Instructor;
        Callers["employer"] = owner.Employer;
        Callers["anonymous"] = App.Anonymous();
        Document = await OpenApiContract.DocumentAsync(Callers["anonymous"]);
        Operations = OpenApiContract.Operations(Document);
    }

    public async Task DisposeAsync() => await App.StopAsync();

    /// <summary>The caller a limit is tried as: the employer where the operation admits employers (the partner
    /// examples are theirs), else an admin where it admits one, else the first role it admits; anonymous for
    /// sign-in.</summary>
    public HttpClient CallerFor(ContractOperation op) => Callers[op.Anonymous ? "anonymous"
        : op.Roles.Contains("employer") ? "employer" : op.Roles.Contains("admin") ? "admin" : op.Roles[0]];

    /// <summary>The value of a path parameter: the owner's object the route names (per <see cref="ObjectScopes"/>),
    /// or a real code or name for reference data, models, schedules and reports.</summary>
    public string PathValue(ContractOperation op, string parameter)
    {
        if (ObjectScopes.Expected.TryGetValue(op.Name, out var scope) && scope.Resource is { } resource
            && owner.Objects.TryGetValue(resource, out var values) && values.TryGetValue(parameter, out var value))
        {
            return value;
        }

        return parameter switch
        {
            "code" when op.Path.Contains("/regions/", StringComparison.Ordinal) => "64.71",
            "code" when op.Path.Contains("/occupations/", StringComparison.Ordinal) => "7212",
            "code" => "25111",
            "name" => "matching-nightly-refresh",
            "kind" => "uptake",
            _ => "1",
        };
    }

    /// <summary>A request to the operation with every path parameter filled in, the query pairs (already escaped),
    /// the JSON body (or none) and the headers.</summary>
    public HttpRequestMessage Request(ContractOperation op, IEnumerable<(string Name, string Value)> query, string? json,
        IReadOnlyDictionary<string, string>? pathValues = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(op.Path, @"\{(\w+)\}", m =>
            pathValues is not null && pathValues.TryGetValue(m.Groups[1].Value, out var raw) ? raw
                : Uri.EscapeDataString(PathValue(op, m.Groups[1].Value)));
        var pairs = query.Select(q => $"{q.Name}={q.Value}").ToList();
        var request = new HttpRequestMessage(new HttpMethod(op.Method), pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A valid body for the operation: its example where the document gives one (which passes the
    /// handler's own checks too), else one made from its schema (which passes every documented limit); null for an
    /// operation without a JSON body.</summary>
    public string? ValidBody(ContractOperation op) =>
        op.Body is { } schema ? op.Example ?? OpenApiContract.ValidJson(Document, schema) : null;

    /// <summary>A valid body for the operation with one property (by its segments) set to the raw JSON text.</summary>
    public string BodyWith(ContractOperation op, string[] segments, string rawJson)
    {
        var node = JsonNode.Parse(ValidBody(op)!)!;
        var parent = node;
        foreach (var segment in segments[..^1])
        {
            parent = segment.StartsWith('[') ? parent[0]! : parent[segment]!;
        }

        if (segments[^1].StartsWith('['))
        {
            parent[0] = Placeholder;
        }
        else
        {
            parent[segments[^1]] = Placeholder;
        }

        return node.ToJsonString().Replace($"\"{Placeholder}\"", rawJson, StringComparison.Ordinal);
    }
}

[CollectionDefinition(ContractWorld.Collection)]
public sealed class ContractWorldCollection : ICollectionFixture<ContractWorld>;
