using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Access;

/// <summary>Every route that names an object × every role that is limited to its owner's objects: owner B's caller
/// asking for owner A's object gets 404 (never 403: an id must not tell whether it exists) and changes nothing; B's
/// lists never show A's objects. The routes come from the service's own route table and the expectations from
/// <see cref="ObjectScopes"/>, so a new route fails here until someone says whose its objects are.</summary>
[Collection(OwnersWorld.Collection)]
public partial class ObjectLevelAuthorizationTests(OwnersWorld world)
{
    [Fact]
    public async Task Every_route_with_an_id_and_every_list_has_an_object_scope()
    {
        var problems = new List<string>();
        foreach (var route in await ScopedRoutesAsync())
        {
            if (!ObjectScopes.Expected.TryGetValue(route.Key, out var scope))
            {
                problems.Add($"{route.Key} has no entry in ObjectScopes.Expected: say which kind of object it names "
                    + "(ObjectScope.Owned(kind, roles limited to their owner's)) or why no owner is involved (ObjectScope.Shared(why))");
                continue;
            }

            var admitted = FunctionLevelAuthorizationTests.RolesOfPolicy(route.Policy);
            problems.AddRange(scope.ScopedRoles.Where(r => !admitted.Contains(r))
                .Select(r => $"{route.Key}: role {r} is listed as scoped but its policy {route.Policy} refuses it"));
            if (scope.Resource is { } resource && Parameters(route).Count > 0)
            {
                var missing = Parameters(route).Where(p => !world.ValuesOf(resource).ContainsKey(p));
                problems.AddRange(missing.Select(p => $"{route.Key}: a '{resource}' gives no value for {{{p}}}"));
            }
        }

        var keys = (await RouteTable.AllAsync()).Select(r => r.Key).ToHashSet();
        problems.AddRange(ObjectScopes.Expected.Keys.Where(k => !keys.Contains(k)).Select(k => $"{k} is in ObjectScopes but not mapped"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Another_owners_object_is_404_for_every_scoped_role_and_nothing_changes()
    {
        var failures = new List<string>();
        var cells = 0;
        foreach (var (route, scope) in await OwnedAsync(namingOne: true))
        {
            // The object exists: an admin, who is never scoped, reaches it through the GET of the same path.
            var path = PathFor(route, scope);
            using (var control = await world.Admin.GetAsync(path))
            {
                if (route.Method is "GET" or "*" && control.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{route.Key}: the admin's control read of {path} answered {(int)control.StatusCode}");
                }
            }

            var before = await DatabaseSnapshot.TakeAsync(world.App);
            foreach (var role in scope.ScopedRoles)
            {
                cells++;
                using var response = await world.OtherOwner[role].SendAsync(Request(route, path, scope));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"{route.Key} as another owner's {role}: {(int)response.StatusCode}, expected 404 {Truncate(body)}");
                }
                else if (response.Content.Headers.ContentType?.MediaType != (IsConsole(route) ? "text/html" : "application/problem+json"))
                {
                    failures.Add($"{route.Key} as another owner's {role}: 404 without a problem document (or, in the console, its 404 page)");
                }

                var after = await DatabaseSnapshot.TakeAsync(world.App);
                var changed = DatabaseSnapshot.Diff(before, after);
                if (changed.Count > 0)
                {
                    failures.Add($"{route.Key} as another owner's {role} changed {string.Join(", ", changed)}");
                }

                before = after;
            }
        }

        Assert.True(cells >= 35, $"only {cells} cells ran");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Lists_never_show_another_owners_objects()
    {
        var failures = new List<string>();
        foreach (var (route, scope) in await OwnedAsync(namingOne: false))
        {
            var path = $"{RouteEntry.Normalize(route.Pattern)}?pageSize=200";
            var id = world.IdOf(scope.Resource!);
            if (IsConsole(route))
            {
                failures.AddRange(await ConsoleListFailuresAsync(route, scope, path, id));
                continue;
            }

            var seenByAdmin = await IdsAsync(world.Admin, path);
            if (!seenByAdmin.Contains(id))
            {
                failures.Add($"{route.Key}: the admin's control list does not show owner A's {scope.Resource} {id}");
            }

            foreach (var role in scope.ScopedRoles)
            {
                var seen = await IdsAsync(world.OtherOwner[role], path);
                if (seen.Contains(id))
                {
                    failures.Add($"{route.Key} as another owner's {role} shows owner A's {scope.Resource} {id}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A console list links to an object's page: the admin's links to owner A's object, no other owner's
    /// does.</summary>
    private async Task<List<string>> ConsoleListFailuresAsync(RouteEntry route, ObjectScope scope, string path, long id)
    {
        var failures = new List<string>();
        if (scope.Link is not { } link)
        {
            return [$"{route.Key}: a console list needs .Linking(id => page of the object) in ObjectScopes"];
        }

        var href = $"href=\"{link(id)}\"";
        if (!(await PageAsync(world.Admin, path)).Contains(href, StringComparison.Ordinal))
        {
            failures.Add($"{route.Key}: the admin's control page does not link to owner A's {scope.Resource} ({href})");
        }

        foreach (var role in scope.ScopedRoles)
        {
            if ((await PageAsync(world.OtherOwner[role], path)).Contains(href, StringComparison.Ordinal))
            {
                failures.Add($"{route.Key} as another owner's {role} links to owner A's {scope.Resource} {id}");
            }
        }

        return failures;
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {Truncate(body)}");
        return body;
    }

    private static bool IsConsole(RouteEntry route) => !route.Pattern.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>Routes that name one object (in the path or the query), or lists.</summary>
    private static async Task<List<(RouteEntry Route, ObjectScope Scope)>> OwnedAsync(bool namingOne) =>
        [.. (await ScopedRoutesAsync())
            .Select(r => (Route: r, Scope: ObjectScopes.Expected[r.Key]))
            .Where(x => x.Scope.Resource is not null && x.Scope.ScopedRoles.Length > 0)
            .Where(x => (Parameters(x.Route).Count > 0 || x.Scope.Query is not null) == namingOne)];

    /// <summary>Routes whose parameters name an object, and lists.</summary>
    private static async Task<List<RouteEntry>> ScopedRoutesAsync() =>
        [.. (await RouteTable.AllAsync()).Where(r => !r.Anonymous && (Parameters(r).Count > 0 || r.Method is "GET" or "*"))];

    private static List<string> Parameters(RouteEntry route) =>
        [.. RouteParameter().Matches(RouteEntry.Normalize(route.Pattern)).Select(m => m.Groups[1].Value)];

    private string PathFor(RouteEntry route, ObjectScope scope)
    {
        var values = world.ValuesOf(scope.Resource!);
        var path = RouteParameter().Replace(RouteEntry.Normalize(route.Pattern), m => values[m.Groups[1].Value]);
        return scope.Query is { } query ? $"{path}?{query(world)}" : path;
    }

    private HttpRequestMessage Request(RouteEntry route, string path, ObjectScope scope)
    {
        var request = new HttpRequestMessage(route.Method == "*" ? HttpMethod.Get : new HttpMethod(route.Method), path);
        if (scope.Body is { } body)
        {
            request.Content = JsonContent.Create(body(world), options: Json.Options);
        }
        else if (route.ContentTypes.Count > 0 && route.Method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task<HashSet<long>> IdsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items");
        return [.. items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300];

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
