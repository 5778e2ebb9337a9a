using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>A newcomer goes from a URL to its file in one step: README.md carries the route table the service prints,
/// every handler lives in the file named for its class, and every API route says what it does.</summary>
public class RouteDocumentationTests
{
    private const string Begin = "<!-- routes:begin";
    private const string End = "<!-- routes:end -->";

    [Fact]
    public async Task The_readme_route_table_is_the_one_the_routes_command_prints()
    {
        var readme = (await File.ReadAllTextAsync(RepositoryFiles.PathOf("README.md"))).ReplaceLineEndings("\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no route table between \"{Begin} …\" and \"{End}\".");
        var documented = readme[(readme.IndexOf('\n', start) + 1)..end].Trim();

        var printed = (await RouteTable.MarkdownAsync()).ReplaceLineEndings("\n");
        Assert.True(documented == printed,
            "README.md's route table differs from what `LinkMatch.Api routes --markdown` prints; refresh it with "
            + "scripts/route-table. First difference: " + FirstDifference(documented, printed));
    }

    [Fact]
    public async Task Every_handler_is_in_the_file_named_for_its_class()
    {
        var missing = (await RouteTable.AllAsync())
            .Where(r => r.File is not null && !File.Exists(RepositoryFiles.PathOf(r.File)))
            .Select(r => $"{r.Method} {r.Pattern}: {r.Handler} is not in {r.File}")
            .ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_api_route_has_a_summary()
    {
        var bare = (await RouteTable.AllAsync())
            .Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal) && string.IsNullOrWhiteSpace(r.Summary))
            .Select(r => $"{r.Method} {r.Pattern} ({r.Handler})")
            .ToList();
        Assert.True(bare.Count == 0, $"Routes without WithSummary(...):\n{string.Join("\n", bare)}");
    }

    private static string FirstDifference(string documented, string printed)
    {
        var a = documented.Split('\n');
        var b = printed.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(nothing)";
            var right = i < b.Length ? b[i] : "(nothing)";
            if (left != right)
            {
                return $"line {i + 1}: README has \"{left}\", the command prints \"{right}\".";
            }
        }

        return "none";
    }
}
