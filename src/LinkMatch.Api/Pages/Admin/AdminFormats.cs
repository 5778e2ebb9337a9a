using System.Globalization;
using System.Text.Json;
using LinkMatch.Api.Pages.Shared;
using Microsoft.Extensions.Localization;

namespace LinkMatch.Api.Pages.Admin;

/// <summary>What the admin pages write beyond <see cref="Formats"/>: waiting times, model metrics, names of job kinds
/// and states.</summary>
public static class AdminFormats
{
    /// <summary>"45 dtk", "3 mnt", "2 jam 5 mnt", "1 hari 3 jam".</summary>
    public static string Age(TimeSpan? age, IStringLocalizer text)
    {
        if (age is not { } a)
        {
            return "–";
        }

        string Unit(string key, double value) =>
            string.Format(CultureInfo.CurrentCulture, text[key], ((long)Math.Floor(value)).ToString(CultureInfo.InvariantCulture));
        return a.TotalMinutes < 1 ? Unit("Age.Seconds", a.TotalSeconds)
            : a.TotalHours < 1 ? Unit("Age.Minutes", a.TotalMinutes)
            : a.TotalDays < 1 ? $"{Unit("Age.Hours", a.TotalHours)} {Unit("Age.Minutes", a.Minutes)}"
            : $"{Unit("Age.Days", a.TotalDays)} {Unit("Age.Hours", a.Hours)}";
    }

    /// <summary>A metric of a model ("holdout.ndcg@10"), or null when the model has none.</summary>
    public static double? Metric(JsonElement metrics, string name) =>
        metrics.ValueKind == JsonValueKind.Object && metrics.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    /// <summary>"0,4642": NDCG is a share, but read as a score with four decimals.</summary>
    public static string Score(double? value) => value is { } v ? Formats.Number(v, 4) : "–";

    /// <summary>JSON as people read it: the audit log's details, a job's arguments.</summary>
    public static string Json(JsonElement? value, bool indented = false) => value is { } v
        ? JsonSerializer.Serialize(v, indented ? Indented : Compact)
        : "–";

    /// <summary>The properties of a JSON object as "name: value" pairs (strings without quotes); anything else as
    /// one value.</summary>
    public static IEnumerable<(string? Name, string Value)> Pairs(JsonElement? value)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            yield break;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            yield return (null, Json(v));
            yield break;
        }

        foreach (var property in v.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                yield return (property.Name, property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? ""
                    : Json(property.Value));
            }
        }
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The name of a job kind ("Hitung ulang semua saran"), or its code when it has none.</summary>
    public static string Kind(string kind, IStringLocalizer text)
    {
        var name = text["Kind." + kind];
        return name.ResourceNotFound ? kind : name.Value;
    }
}
