using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Resources;
using System.Text;

namespace LinkMatch.Api.Matching.Suggestions;

/// <summary>A sentence, or a part of one, before it is put into words: the key of its format string in
/// <c>ExplanationText.resx</c> and its arguments. Names are strings used as they are, numbers are formatted by the
/// language's culture as the format string says ("{0:0.#}": 4.5 or 4,5), and a nested phrase is put into words in
/// the same language first. Built once per factor and written in both languages.</summary>
public sealed record Phrase(string Key, params object[] Args)
{
    public string In(ExplanationLanguage language) => language.Write(this);
}

/// <summary>A language explanations are written in: Bahasa Indonesia (<c>ExplanationText.resx</c>, the assembly's
/// neutral language, numbers as id-ID writes them) or English (<c>ExplanationText.en.resx</c>, numbers in the
/// invariant culture, as the sentences stored before Indonesian existed). Each is chosen explicitly, never from the
/// thread's culture: suggestions are explained in background jobs. The format strings are parsed once.</summary>
public sealed class ExplanationLanguage
{
    private static readonly ResourceManager Resources =
        new("LinkMatch.Api.Matching.Suggestions.ExplanationText", typeof(ExplanationLanguage).Assembly);

    public static readonly ExplanationLanguage English = Load("en", CultureInfo.GetCultureInfo("en"),
        CultureInfo.InvariantCulture);

    public static readonly ExplanationLanguage Indonesian = Load("id", CultureInfo.InvariantCulture,
        CultureInfo.GetCultureInfo("id"));

    private readonly FrozenDictionary<string, CompositeFormat> formats;

    private ExplanationLanguage(string code, CultureInfo numbers, FrozenDictionary<string, CompositeFormat> formats)
    {
        Code = code;
        Numbers = numbers;
        this.formats = formats;
    }

    /// <summary>"id" or "en", as the API reports it.</summary>
    public string Code { get; }

    /// <summary>How numbers are written: "Rp 4,5 jt" and "Rp 750.000" in Indonesian, "Rp 4.5 jt" in English.</summary>
    public CultureInfo Numbers { get; }

    /// <summary>The keys and format strings, for the test that both languages say the same things.</summary>
    public IReadOnlyDictionary<string, CompositeFormat> Formats => formats;

    /// <summary>Indonesian when the request's UI culture is Indonesian (the request localization sets it from
    /// <c>Accept-Language</c>), English otherwise.</summary>
    public static ExplanationLanguage Current => Of(CultureInfo.CurrentUICulture);

    public static ExplanationLanguage Of(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "id" ? Indonesian : English;

    /// <summary>The stored text in this language: the Indonesian one when this is Indonesian and the row has it
    /// (rows written before it existed have only English), else the English one.</summary>
    public string Pick(string english, string? indonesian) =>
        ReferenceEquals(this, Indonesian) && indonesian is not null ? indonesian : english;

    public string Write(Phrase phrase)
    {
        if (!formats.TryGetValue(phrase.Key, out var format))
        {
            throw new KeyNotFoundException($"ExplanationText has no '{phrase.Key}' ({Code}).");
        }

        if (phrase.Args.Length == 0)
        {
            return string.Format(Numbers, format);
        }

        var args = new object[phrase.Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = phrase.Args[i] is Phrase inner ? Write(inner) : phrase.Args[i];
        }

        return string.Format(Numbers, format, args);
    }

    private static ExplanationLanguage Load(string code, CultureInfo resources, CultureInfo numbers)
    {
        // tryParents: false: a missing English satellite assembly must fail, not fall back to Indonesian.
        var set = Resources.GetResourceSet(resources, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"ExplanationText resources for '{code}' are missing.");
        var formats = new Dictionary<string, CompositeFormat>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in set)
        {
            formats[(string)entry.Key] = CompositeFormat.Parse((string)entry.Value!);
        }

        return new ExplanationLanguage(code, numbers, formats.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
