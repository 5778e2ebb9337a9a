using System.Text.Encodings.Web;
using System.Text.Json;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Intents;

/// <summary>One row of the record of processing as the audit API shows it.</summary>
public sealed record AuditRowDto(long Id, DateTimeOffset At, string ActorKind, long? ActorId, string ActorName,
    string Action, string Entity, long? EntityId, long? SeekerId, JsonElement? Details)
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The details as JSON text with nothing escaped that need not be, so a search for a value (a phone
    /// number's '+') finds it as the database holds it.</summary>
    public string DetailsText => Details is { } d ? JsonSerializer.Serialize(d, Unescaped) : "";

    /// <summary>A text property of the row's details, or null.</summary>
    public string? Detail(string name) =>
        Details is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var value) ? value.GetString() : null;
}

/// <summary>What the record of processing holds, read through the audit API as an admin.</summary>
public static class AuditChecks
{
    /// <summary>The rows matching an audit API query (<c>seekerId=…&amp;action=…</c>), oldest first.</summary>
    public static async Task<List<AuditRowDto>> AuditRowsAsync(this TestApp app, string query)
    {
        var admin = await app.SharedAdminAsync();
        var page = await (await admin.GetAsync($"/api/v1/audit?{query}&pageSize=200")).ReadAsync<JsonElement>();
        Assert.True(page.GetProperty("total").GetInt64() <= 200, $"more audit rows than one page for {query}");
        return [.. page.GetProperty("items").Deserialize<List<AuditRowDto>>(Json.Options)!.OrderBy(r => r.Id)];
    }

    /// <summary>The seeker's rows of one action, oldest first.</summary>
    public static Task<List<AuditRowDto>> AuditRowsAsync(this TestApp app, long seekerId, string action) =>
        app.AuditRowsAsync($"seekerId={seekerId}&action={Uri.EscapeDataString(action)}");

    /// <summary>The rows about one entity (<c>vacancy</c>, <c>mou</c>, <c>api_key</c> …), oldest first.</summary>
    public static Task<List<AuditRowDto>> AuditRowsOfAsync(this TestApp app, string entity, long entityId) =>
        app.AuditRowsAsync($"entity={Uri.EscapeDataString(entity)}&entityId={entityId}");

    /// <summary>The database's clock, which stamps audit rows. Raw SQL: no API tells the database's time, and the
    /// test's own clock may differ from it.</summary>
    public static Task<DateTime> DatabaseNowAsync(this TestApp app) => app.ScalarAsync<DateTime>("select clock_timestamp()");
}
