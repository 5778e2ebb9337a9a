using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LinkMatch.Api.Commands;

/// <summary>A route of the API with the authorization it demands, the handler that answers it (<c>Class.Method</c>,
/// or the page) and the file that holds it, relative to the repository.</summary>
public sealed record RouteInfo(string Method, string Pattern, string? Policy, bool Anonymous,
    IReadOnlyList<string> ContentTypes, string? Handler, string? File, string? Summary);

/// <summary><c>LinkMatch.Api routes</c>: the route table as JSON, for operators and for the authorization tests;
/// <c>routes --markdown</c>: the same as the Markdown table in README.md ("Where each route lives").</summary>
public static class RoutesCommand
{
    private const string SourceFolder = "src/LinkMatch.Api";

    public static IReadOnlyList<RouteInfo> Routes(IEndpointRouteBuilder app) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var (handler, file) = HandlerOf(e);
                return (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method =>
                    new RouteInfo(method, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                        e.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy,
                        e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                        e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [], handler, file,
                        e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary));
            })
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        var routes = Routes(app);
        Console.WriteLine(args.Contains("--markdown")
            ? Markdown(routes)
            : JsonSerializer.Serialize(routes, new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                WriteIndented = true,
            }));
        return Task.FromResult(0);
    }

    /// <summary>One line per route: method, path, policy, handler and a link to its file.</summary>
    public static string Markdown(IReadOnlyList<RouteInfo> routes)
    {
        var text = new StringBuilder();
        text.Append("| method | path | policy | handler | file |\n|---|---|---|---|---|\n");
        foreach (var r in routes)
        {
            var policy = r.Anonymous ? "anonymous" : r.Policy ?? "";
            var file = r.File is null ? "" : $"[{r.File[(SourceFolder.Length + 1)..]}]({r.File})";
            text.Append(CultureInfo.InvariantCulture,
                $"| {Method(r)} | `{r.Pattern}` | {policy} | {Code(r.Handler)} | {file} |\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Method(RouteInfo route) => route.Method != "*" ? route.Method
        : route.File?.EndsWith(".cshtml", StringComparison.Ordinal) == true ? "page" : "any";

    private static string Code(string? text) => text is null ? "" : $"`{text}`";

    /// <summary>The class a handler is written in and its name ("lambda" for an inline one); the route table and
    /// the OpenAPI document's operationIds (<c>VacanciesApi_List</c>) both name handlers this way.</summary>
    public static (Type Type, string Name) Handler(MethodInfo method)
    {
        var type = method.DeclaringType!;
        var name = method.Name;
        while (type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.DeclaringType is { } outer)
        {
            type = outer;
            name = "lambda";
        }

        return (type, name.StartsWith('<') ? "lambda" : name);
    }

    /// <summary>The handler's declaring class and method; its file is the class's name in the folder its namespace
    /// names (<c>LinkMatch.Api.Reports.Uptake.UptakeApi</c> → <c>src/LinkMatch.Api/Reports/Uptake/UptakeApi.cs</c>).
    /// A console page is its <c>.cshtml</c>.</summary>
    private static (string? Handler, string? File) HandlerOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            return (page.ViewEnginePath, SourceFolder + page.RelativePath);
        }

        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { DeclaringType: not null } method)
        {
            return (endpoint.DisplayName, null);
        }

        var (type, name) = Handler(method);
        var root = typeof(RoutesCommand).Assembly.GetName().Name!;
        var folder = (type.Namespace ?? root)[root.Length..].TrimStart('.').Replace('.', '/');
        var file = string.Join('/', new[] { SourceFolder, folder, type.Name + ".cs" }.Where(p => p.Length > 0));
        return ($"{type.Name}.{name}", file);
    }
}
