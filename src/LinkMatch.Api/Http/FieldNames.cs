using System.Text.Json;

namespace LinkMatch.Api.Http;

/// <summary>Validation reports .NET member names ('Items[0].CompetencyId'); clients know the JSON names
/// ('items[0].competencyId').</summary>
internal static class FieldNames
{
    public static void ToJsonNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var json = ToJsonName(key);
            if (json == key)
            {
                continue;
            }

            var messages = errors[key];
            errors.Remove(key);
            errors[json] = errors.TryGetValue(json, out var existing) ? [.. existing, .. messages] : messages;
        }
    }

    public static string ToJsonName(string path) =>
        string.Join('.', path.Split('.').Select(part => JsonNamingPolicy.CamelCase.ConvertName(part)));
}
