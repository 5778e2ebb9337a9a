using System.Globalization;
using System.Text.RegularExpressions;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>The standard DataAnnotations and model-binding messages ("The field Q must be a string with a maximum
/// length of 100.") rewritten for a person reading them beside the input, in the console's language: "Paling banyak
/// 100 karakter." Other messages (the handlers' own) pass through unchanged.</summary>
public static partial class ValidationMessages
{
    public static string Localize(string message)
    {
        var id = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "id";
        return message switch
        {
            _ when Required().IsMatch(message) => id ? "Wajib diisi." : "Required.",
            _ when MaxLength().Match(message) is { Success: true } m =>
                id ? $"Paling banyak {m.Groups[1].Value} karakter." : $"At most {m.Groups[1].Value} characters.",
            _ when MinMaxLength().Match(message) is { Success: true } m => id
                ? $"Antara {m.Groups[1].Value} dan {m.Groups[2].Value} karakter."
                : $"Between {m.Groups[1].Value} and {m.Groups[2].Value} characters.",
            _ when Range().Match(message) is { Success: true } m => id
                ? $"Harus antara {m.Groups[1].Value} dan {m.Groups[2].Value}."
                : $"Must be between {m.Groups[1].Value} and {m.Groups[2].Value}.",
            _ when Pattern().IsMatch(message) => id ? "Bentuknya tidak sesuai." : "Not in the expected form.",
            _ when MaxItems().Match(message) is { Success: true } m =>
                id ? $"Paling banyak {m.Groups[1].Value} isian." : $"At most {m.Groups[1].Value} items.",
            _ when OneOf().Match(message) is { Success: true } m =>
                id ? $"Harus salah satu dari: {m.Groups[1].Value}." : message,
            _ when NotValid().Match(message) is { Success: true } m =>
                id ? $"Nilai '{m.Groups[1].Value}' tidak sah." : $"The value '{m.Groups[1].Value}' is not valid.",
            _ => message,
        };
    }

    [GeneratedRegex(@"^The .+ field is required\.$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^The field .+ must be a string with a maximum length of (\d+)\.$")]
    private static partial Regex MaxLength();

    [GeneratedRegex(@"^The field .+ must be a string with a minimum length of (\d+) and a maximum length of (\d+)\.$")]
    private static partial Regex MinMaxLength();

    [GeneratedRegex(@"^The field .+ must be between (.+) and (.+)\.$")]
    private static partial Regex Range();

    [GeneratedRegex(@"^The field .+ must match the regular expression '.*'\.$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^The field .+ must be a string or array type with a maximum length of '(\d+)'\.$")]
    private static partial Regex MaxItems();

    [GeneratedRegex(@"^Must be one of: (.+)\.$")]
    private static partial Regex OneOf();

    [GeneratedRegex(@"^The value '(.*)' is not valid(?: for .+)?\.$")]
    private static partial Regex NotValid();
}
