using System.Text.Json;
using Dapper;
using LinkMatch.Api.Auth;
using Npgsql;

namespace LinkMatch.Api.Audit;

/// <summary>What happened, to which entity; the actor and origin come from the <see cref="Caller"/>.</summary>
public sealed record AuditEntry(string Action, string Entity, long? EntityId, long? SeekerId = null, object? Details = null);

/// <summary>Writes the append-only record of processing, inside the caller's transaction so that a change and its
/// audit row commit together. Reads of personal data are audited the same way.</summary>
public static class AuditLog
{
    private const string Insert = """
        insert into audit_log (actor_kind, actor_id, actor_name, action, entity, entity_id, seeker_id, remote_address,
                               request_id, details)
        values (@Kind, @ActorId, @ActorName, @Action, @Entity, @EntityId, @SeekerId, @RemoteAddress, @RequestId,
                @Details::jsonb)
        """;

    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Caller caller, AuditEntry entry,
        CancellationToken ct = default) => WriteManyAsync(conn, tx, caller, [entry], ct);

    public static Task WriteManyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Caller caller,
        IEnumerable<AuditEntry> entries, CancellationToken ct = default)
    {
        var (kind, actorId) = caller.Actor;
        if (caller.UserId is null && caller.ApiKeyId is null && caller.Role == Roles.Admin)
        {
            kind = "system";
        }

        var rows = entries.Select(e => new
        {
            Kind = kind,
            ActorId = actorId,
            ActorName = caller.Name,
            e.Action,
            e.Entity,
            e.EntityId,
            e.SeekerId,
            caller.RemoteAddress,
            caller.RequestId,
            Details = e.Details is null ? null : JsonSerializer.Serialize(e.Details, JsonOptions),
        }).ToList();
        return rows.Count == 0
            ? Task.CompletedTask
            : conn.ExecuteAsync(new CommandDefinition(Insert, rows, tx, cancellationToken: ct));
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
