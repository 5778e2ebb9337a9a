using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Database;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Audit;

/// <summary>One row of the record of processing.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset At, string ActorKind, long? ActorId, string ActorName,
    string Action, string Entity, long? EntityId, long? SeekerId, string? RemoteAddress, string? RequestId,
    JsonElement? Details);

/// <summary>"Who accessed seeker X between t1 and t2": <c>?seekerId=X&amp;from=t1&amp;to=t2</c>;
/// "what did key K do": <c>?actorKind=api_key&amp;actorId=K</c>.</summary>
public sealed record AuditFilter(
    [property: Id] long? SeekerId = null,
    [property: OneOf("user", "api_key", "system", "anonymous")] string? ActorKind = null,
    [property: Id] long? ActorId = null,
    [property: StringLength(100)] string? Action = null,
    [property: StringLength(100)] string? Entity = null,
    [property: Id] long? EntityId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>Admins query the audit log; nobody can change it (the service's database role cannot).</summary>
public static class AuditApi
{
    private static readonly SortMap Sorts = new("at desc", new Dictionary<string, string> { ["at"] = "at" });

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .MapGet("/", List)
            .WithSummary("Query the record of processing: by seeker, actor, action, entity and time.");
        return app;
    }

    public static async Task<Results<Ok<PagedList<AuditRecord>>, ValidationProblem>> List(
        [AsParameters] AuditFilter filter, [AsParameters] PageQuery page, Caller caller, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (Sorts.ToSql(page.Sort, "id desc") is not { } order)
        {
            return Problems.Fields(Sorts.Error());
        }

        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            return Problems.Field("to", "'to' is before 'from'.");
        }

        // An action ending in '*' matches by prefix: 'seeker.read*' finds every kind of read of a seeker.
        var prefix = filter.Action is { } a && a.EndsWith('*') ? a[..^1] : null;
        const string where = """
            where (@SeekerId::bigint is null or seeker_id = @SeekerId)
              and (@ActorKind::text is null or actor_kind = @ActorKind)
              and (@ActorId::bigint is null or actor_id = @ActorId)
              and (@exact::text is null or action = @exact)
              and (@prefix::text is null or starts_with(action, @prefix))
              and (@Entity::text is null or entity = @Entity)
              and (@EntityId::bigint is null or entity_id = @EntityId)
              and (@From::timestamptz is null or at >= @From)
              and (@To::timestamptz is null or at < @To)
            """;
        var args = new
        {
            filter.SeekerId,
            filter.ActorKind,
            filter.ActorId,
            exact = prefix is null ? filter.Action : null,
            prefix,
            filter.Entity,
            filter.EntityId,
            filter.From,
            filter.To,
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ReadPageAsync<AuditRow>("""
            id, at, actor_kind, actor_id, actor_name, action, entity, entity_id, seeker_id, remote_address,
            request_id, details::text as details
            """, "audit_log", where, order, args, page, ct);
        // Reading the record of processing is itself recorded.
        await AuditLog.WriteAsync(conn, null, caller, new AuditEntry("audit.query", "audit_log", null,
            Details: new { filter.SeekerId, filter.ActorKind, filter.ActorId, filter.Action }), ct);
        return TypedResults.Ok(new PagedList<AuditRecord>(rows.Items.Select(r => r.ToRecord()).ToList(), rows.Page,
            rows.PageSize, rows.Total));
    }

    private sealed record AuditRow(long Id, DateTimeOffset At, string ActorKind, long? ActorId, string ActorName,
        string Action, string Entity, long? EntityId, long? SeekerId, string? RemoteAddress, string? RequestId,
        string? Details)
    {
        public AuditRecord ToRecord() => new(Id, At, ActorKind, ActorId, ActorName, Action, Entity, EntityId, SeekerId,
            RemoteAddress, RequestId, Details is null ? null : JsonDocument.Parse(Details).RootElement.Clone());
    }
}
