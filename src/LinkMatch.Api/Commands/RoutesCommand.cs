using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;

namespace LinkMatch.Api.Commands;

/// <summary>A route of the API with the authorization it demands.</summary>
public sealed record RouteInfo(string Method, string Pattern, string? Policy, bool Anonymous,
    IReadOnlyList<string> ContentTypes);

/// <summary><c>LinkMatch.Api routes</c>: the route table as JSON, for operators and for the authorization tests.</summary>
public static class RoutesCommand
{
    public static IReadOnlyList<RouteInfo> Routes(IEndpointRouteBuilder app) =>
        app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method =>
                new RouteInfo(method, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault(a => a.Policy is not null)?.Policy,
                    e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    public static Task<int> RunAsync(WebApplication app, string[] args)
    {
        Console.WriteLine(JsonSerializer.Serialize(Routes(app), new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
        }));
        return Task.FromResult(0);
    }
}
