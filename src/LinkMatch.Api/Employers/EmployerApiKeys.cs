using System.ComponentModel.DataAnnotations;
using Dapper;
using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace LinkMatch.Api.Employers;

/// <summary>An employer's API key as listed: never the secret, only the prefix that identifies it.</summary>
public sealed record ApiKey(long Id, long EmployerId, string Name, string Prefix, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt,
    DateTimeOffset CreatedAt);

/// <summary>A newly issued key: <see cref="Key"/> is shown this once and cannot be recovered.</summary>
public sealed record IssuedApiKey(long Id, long EmployerId, string Name, string Prefix, string Key,
    DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);

public sealed record IssueApiKeyRequest(
    [property: Required, StringLength(100, MinimumLength = 2)] string Name,
    DateTimeOffset? ExpiresAt = null);

/// <summary>Issuing, listing and revoking employers' API keys: admins for any employer, staff for employers with an
/// MoU (of any status) with their office, so they can still revoke keys after the MoU ends. Another employer answers
/// 404. Only the SHA-256 of a key is stored.</summary>
public static class EmployerApiKeys
{
    private const string Columns = """
        id, employer_id, name, prefix, created_by, expires_at, revoked_at, revoked_by, last_used_at, created_at
        """;

    private const string InScope = """
        select exists (
            select from employers e
            where e.id = @id
              and (@ScopeOfficeId::bigint is null
                   or exists (select from mous m where m.employer_id = e.id and m.office_id = @ScopeOfficeId)))
        """;

    public static async Task<Results<Created<IssuedApiKey>, NotFound, ValidationProblem>> Issue(long id,
        IssueApiKeyRequest request, Caller caller, NpgsqlDataSource db, TimeProvider time, CancellationToken ct)
    {
        if (request.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return Problems.Field("expiresAt", "The expiry must be in the future.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(InScope,
                new { id, caller.ScopeOfficeId }, tx, cancellationToken: ct)))
        {
            return TypedResults.NotFound();
        }

        var (key, prefix) = ApiKeys.Generate();
        var row = await conn.QuerySingleAsync<ApiKey>(new CommandDefinition($"""
            insert into api_keys (employer_id, name, prefix, secret_hash, created_by, expires_at)
            values (@id, @Name, @prefix, @hash, @createdBy, @ExpiresAt)
            returning {Columns}
            """, new
        {
            id,
            request.Name,
            prefix,
            hash = ApiKeys.Hash(key),
            createdBy = caller.Name,
            request.ExpiresAt,
        }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("api_key.issue", "api_key", row.Id,
            Details: new { EmployerId = id, row.Prefix }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/employers/{id}/api-keys",
            new IssuedApiKey(row.Id, id, row.Name, row.Prefix, key, row.ExpiresAt, row.CreatedAt));
    }

    public static async Task<Results<Ok<IReadOnlyList<ApiKey>>, NotFound>> List(long id, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(InScope, new { id, caller.ScopeOfficeId },
                cancellationToken: ct)))
        {
            return TypedResults.NotFound();
        }

        var keys = await conn.QueryAsync<ApiKey>(new CommandDefinition(
            $"select {Columns} from api_keys where employer_id = @id order by created_at desc, id desc",
            new { id }, cancellationToken: ct));
        return TypedResults.Ok<IReadOnlyList<ApiKey>>(keys.AsList());
    }

    /// <summary>Takes effect on the next request made with the key. Revoking a revoked key changes nothing.</summary>
    public static async Task<Results<Ok<ApiKey>, NotFound>> Revoke(long id, long keyId, Caller caller,
        NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(InScope,
                new { id, caller.ScopeOfficeId }, tx, cancellationToken: ct)))
        {
            return TypedResults.NotFound();
        }

        var row = await conn.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition($"""
            update api_keys set revoked_at = now(), revoked_by = @by
            where id = @keyId and employer_id = @id and revoked_at is null
            returning {Columns}
            """, new { id, keyId, by = caller.Name }, tx, cancellationToken: ct));
        if (row is null)
        {
            var earlier = await conn.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(
                $"select {Columns} from api_keys where id = @keyId and employer_id = @id", new { id, keyId }, tx,
                cancellationToken: ct));
            return earlier is null ? TypedResults.NotFound() : TypedResults.Ok(earlier);
        }

        await AuditLog.WriteAsync(conn, tx, caller, new AuditEntry("api_key.revoke", "api_key", keyId,
            Details: new { EmployerId = id }), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(row);
    }
}
