using System.ComponentModel.DataAnnotations;

namespace LinkMatch.Api.Http;

/// <summary>The value, when present, is one of a fixed set of codes; the message lists them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class OneOfAttribute(params string[] values) : ValidationAttribute
{
    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string s => Values.Contains(s, StringComparer.Ordinal),
        IEnumerable<string> many => many.All(v => Values.Contains(v, StringComparer.Ordinal)),
        _ => false,
    };

    public override string FormatErrorMessage(string name) => $"Must be one of: {string.Join(", ", Values)}.";
}
