using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace LinkMatch.Api.Http;

/// <summary>An identifier: every id is an identity column that starts at 1, so an id is a whole number from 1 to
/// 9223372036854775807. Anything else is 400 naming the field, and the OpenAPI document says so (minimum and
/// maximum).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class IdAttribute() : RangeAttribute(1, long.MaxValue)
{
    public override bool IsValid(object? value) => value is null || value is long id && id >= 1 || value is int small && small >= 1;

    public override string FormatErrorMessage(string name) => "Must be an id: a whole number from 1 to 9223372036854775807.";
}

/// <summary>Every text of a list is at most <see cref="MaxLength"/> characters and, when <see cref="Pattern"/> is
/// given, matches it (the list's own length is <c>[MaxLength]</c>). The OpenAPI document carries both on the list's
/// items.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class EachItemAttribute(int maxLength) : ValidationAttribute
{
    public int MaxLength { get; } = maxLength;

    public string? Pattern { get; init; }

    public override bool IsValid(object? value) => value is not IEnumerable<string?> items
        || items.All(item => item is null
            || item.Length <= MaxLength && (Pattern is null || Regex.IsMatch(item, Pattern, RegexOptions.None, TimeSpan.FromSeconds(1))));

    public override string FormatErrorMessage(string name) => Pattern is null
        ? $"Each item has at most {MaxLength} characters."
        : $"Each item has at most {MaxLength} characters and matches {Pattern}.";
}
