using System.Globalization;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Pages.Shared;

/// <summary>How the console writes dates, times, numbers and money: "2 Desember 2026", "14.30 WITA",
/// "Rp 4.500.000", "Rp 4,5 jt", in the request's language (numbers as id-ID writes them in Indonesian). Times are
/// shown in Balikpapan's time zone (WITA, Asia/Makassar) whatever the server's.</summary>
public static class Formats
{

    private static CultureInfo Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
        ? ConsoleLanguages.English
        : ConsoleLanguages.Indonesian;

    private static bool English => Culture.TwoLetterISOLanguageName == "en";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "–";

    /// <summary>"2 Des 2026": for tables.</summary>
    public static string ShortDate(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public static DateTimeOffset InWita(DateTimeOffset instant) => Wita.Of(instant);

    /// <summary>"2 Desember 2026 14.30 WITA".</summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var local = InWita(instant);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {Time(local)}";
    }

    public static string DateTime(DateTimeOffset? instant) => instant is { } i ? DateTime(i) : "–";

    /// <summary>"14.30 WITA" (Indonesian writes a dot between hours and minutes).</summary>
    public static string Time(DateTimeOffset instant)
    {
        var local = InWita(instant);
        return local.ToString(English ? "HH:mm" : "HH.mm", CultureInfo.InvariantCulture) + " WITA";
    }

    /// <summary>For the value of a datetime-local input, in WITA.</summary>
    public static string InputDateTime(DateTimeOffset instant) =>
        InWita(instant).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A datetime-local input's value ("2026-12-02T14:30"), read as WITA; null when it is not one.</summary>
    public static DateTimeOffset? FromInputDateTime(string? value) =>
        System.DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? Wita.At(local)
            : null;

    public static string InputDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Number(double value, int decimals = 1) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

    /// <summary>"45,2%": a share between 0 and 1.</summary>
    public static string Percent(double share, int decimals = 1) =>
        (share * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture) + "%";

    public static string Percent(double? share) => share is { } s ? Percent(s) : "–";

    /// <summary>"Rp 4.500.000".</summary>
    public static string Money(long amount) => "Rp " + amount.ToString("N0", Culture);

    public static string Money(long? amount) => amount is { } a ? Money(a) : "–";

    /// <summary>"Rp 4,5 jt" from a million up (juta; "Rp 4.5 m" in English), the whole amount below.</summary>
    public static string MoneyShort(long amount) => Math.Abs(amount) >= 1_000_000
        ? "Rp " + (amount / 1_000_000.0).ToString("0.#", Culture) + (English ? " m" : " jt")
        : Money(amount);

    /// <summary>A wage range "Rp 3,8–4,5 jt", or the one end that is known.</summary>
    public static string MoneyRange(long? min, long? max) => (min, max) switch
    {
        ({ } a, { } b) when a == b => MoneyShort(a),
        ({ } a, { } b) when a >= 1_000_000 && b >= 1_000_000 =>
            "Rp " + (a / 1_000_000.0).ToString("0.#", Culture) + "–" + (b / 1_000_000.0).ToString("0.#", Culture)
            + (English ? " m" : " jt"),
        ({ } a, { } b) => MoneyShort(a) + " – " + MoneyShort(b),
        ({ } a, null) => "≥ " + MoneyShort(a),
        (null, { } b) => "≤ " + MoneyShort(b),
        _ => "–",
    };

    /// <summary>A model score or a contribution, with a sign: "+0,42".</summary>
    public static string WithSign(double value, int decimals = 2) =>
        (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);
}
