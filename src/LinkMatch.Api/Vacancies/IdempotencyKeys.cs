using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace LinkMatch.Api.Vacancies;

/// <summary>What claiming an <c>Idempotency-Key</c> found.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>The key is new (or its earlier use is past the replay window): run the request.</summary>
    public sealed record Claimed : IdempotencyClaim;

    /// <summary>The same request was answered before: send the stored answer again.</summary>
    public sealed record Replay(int StatusCode, string ResponseBody) : IdempotencyClaim;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : IdempotencyClaim;
}

/// <summary>Makes a retried POST safe. The key row is inserted first, inside the request's transaction, and the
/// answer is stored with the change in that same transaction. A concurrent duplicate blocks on the key's primary key
/// until the first commits, then replays its answer; if the first rolls back, the duplicate runs itself. Only
/// successful answers are stored: a request that failed leaves no key behind and may be retried.
/// Keys are scoped to the caller ("employer:12", "user:7"). After <see cref="ReplayWindow"/> a key may be reused
/// for a new request, which replaces the old record.</summary>
public static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>How validation errors name the header (error keys are camel-cased).</summary>
    public const string FieldName = "idempotency-key";

    public static readonly TimeSpan ReplayWindow = TimeSpan.FromHours(24);

    /// <summary>Keys are opaque strings a client generates (a UUID is typical): 1–200 visible ASCII
    /// characters.</summary>
    public static bool IsWellFormed(string key) =>
        key.Length is >= 1 and <= MaxLength && key.All(c => c is > ' ' and <= '~');

    public const int MaxLength = 200;

    /// <summary>What <see cref="IsWellFormed"/> accepts, as the OpenAPI document writes it.</summary>
    public const string Pattern = "^[!-~]+$";

    /// <summary>SHA-256 of the request as the API understood it, with every object's properties in ordinal name
    /// order: neither the client's property order and spacing nor the order in which a release declares the
    /// request's properties changes it, so a retry that spans an upgrade still replays.</summary>
    public static byte[] Hash<T>(T canonicalRequest, JsonSerializerOptions options) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(Sorted(JsonSerializer.SerializeToNode(canonicalRequest, options))
            ?.ToJsonString() ?? "null"));

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    public static async Task<IdempotencyClaim> ClaimAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string scope,
        string key, byte[] requestHash, CancellationToken ct)
    {
        // On conflict the statement waits for a concurrent first use to commit or roll back, then takes over the row
        // only when it is older than the window; otherwise it returns nothing and the stored answer is read below.
        var claimed = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("""
            insert into idempotency_keys (scope, key, request_hash) values (@scope, @key, @requestHash)
            on conflict (scope, key) do update
                set request_hash = excluded.request_hash, status_code = null, response_body = null, created_at = now()
                where idempotency_keys.created_at < now() - @window
            returning 1
            """, new { scope, key, requestHash, window = ReplayWindow }, tx, cancellationToken: ct));
        if (claimed is not null)
        {
            return new IdempotencyClaim.Claimed();
        }

        var stored = await conn.QuerySingleAsync<(byte[] RequestHash, int? StatusCode, string? ResponseBody)>(
            new CommandDefinition("""
                select request_hash, status_code, response_body from idempotency_keys
                where scope = @scope and key = @key
                """, new { scope, key }, tx, cancellationToken: ct));
        if (!CryptographicOperations.FixedTimeEquals(stored.RequestHash, requestHash)
            || stored.StatusCode is not { } status || stored.ResponseBody is not { } body)
        {
            return new IdempotencyClaim.Mismatch();
        }

        return new IdempotencyClaim.Replay(status, body);
    }

    /// <summary>Stores the answer in the request's transaction, so it commits exactly when the change does.</summary>
    public static Task CompleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string scope, string key,
        int statusCode, string responseBody, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            update idempotency_keys set status_code = @statusCode, response_body = @responseBody
            where scope = @scope and key = @key
            """, new { scope, key, statusCode, responseBody }, tx, cancellationToken: ct));
}
