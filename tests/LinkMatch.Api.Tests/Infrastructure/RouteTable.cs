using System.Text.Json;

namespace LinkMatch.Api.Tests.Infrastructure;

public sealed record RouteEntry(string Method, string Pattern, string? Policy, bool Anonymous,
    IReadOnlyList<string> ContentTypes, string? Handler = null, string? File = null, string? Summary = null)
{
    /// <summary>"GET /api/v1/offices/{id}": the pattern without route constraints or a trailing slash.</summary>
    public string Key => $"{Method} {Normalize(Pattern)}";

    public static string Normalize(string pattern)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}");
        return plain.Length > 1 ? plain.TrimEnd('/') : plain;
    }
}

/// <summary>The service's own route table, from its <c>routes</c> command.</summary>
public static class RouteTable
{
    private static readonly Lazy<Task<IReadOnlyList<RouteEntry>>> Table = new(LoadAsync);

    public static Task<IReadOnlyList<RouteEntry>> AllAsync() => Table.Value;

    /// <summary>What <c>routes --markdown</c> prints: the table README.md carries.</summary>
    public static async Task<string> MarkdownAsync()
    {
        var output = await RunAsync("routes", "--markdown");
        return output[output.IndexOf("| method |", StringComparison.Ordinal)..].Trim();
    }

    private static async Task<IReadOnlyList<RouteEntry>> LoadAsync()
    {
        var output = await RunAsync("routes");
        var json = output[output.IndexOf('[', StringComparison.Ordinal)..];
        return JsonSerializer.Deserialize<List<RouteEntry>>(json, Json.Options)!;
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        var environment = new Dictionary<string, string>(ServiceProcess.NewKeys())
        {
            ["ConnectionStrings__Default"] = "Host=127.0.0.1;Port=1;Database=none",
        };
        var (code, output) = await ServiceProcess.RunCommandAsync(environment, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} failed ({code}): {output}");
        }

        return output;
    }
}
