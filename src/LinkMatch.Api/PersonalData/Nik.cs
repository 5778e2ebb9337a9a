using System.Globalization;

namespace LinkMatch.Api.PersonalData;

/// <summary>What a NIK encodes: digits 1–6 the region (province, regency, district), 7–12 the birth date with 40
/// added to the day for women, 13–16 a serial number.</summary>
public sealed record NikInfo(string Value, string Region, int Day, int Month, int YearOfCentury, bool Female)
{
    /// <summary>Region digits only: the birth date and serial never leave in a masked NIK.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string nik) => nik.Length == 16 ? nik[..6] + "**********" : "****************";

    public bool MatchesBirthDate(DateOnly date) =>
        date.Day == Day && date.Month == Month && date.Year % 100 == YearOfCentury;
}

public static class Nik
{
    // Kemendagri province codes (digits 1–2), including the provinces formed since 2022.
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52",
        "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94",
        "95", "96",
    ];

    /// <summary>Parses and checks a NIK; the error says what is wrong without echoing the number.</summary>
    public static bool TryParse(string? value, out NikInfo info, out string error)
    {
        info = null!;
        var nik = value?.Trim() ?? "";
        if (nik.Length != 16 || !nik.All(char.IsAsciiDigit))
        {
            error = "A NIK has exactly 16 digits.";
            return false;
        }

        if (!Provinces.Contains(nik[..2]) || nik[2..4] == "00" || nik[4..6] == "00")
        {
            error = "The NIK's first six digits are not a valid region (province, regency, district).";
            return false;
        }

        var day = Int(nik, 6);
        var month = Int(nik, 8);
        var year = Int(nik, 10);
        var female = day > 40;
        var realDay = female ? day - 40 : day;
        // A leap year of the century is assumed, so 29 February is accepted; the birth date check is exact.
        if (month is < 1 or > 12 || realDay < 1 || realDay > DateTime.DaysInMonth(2000, month))
        {
            error = "The NIK's digits 7–12 are not a valid birth date (day, plus 40 for women; month; year).";
            return false;
        }

        if (nik[12..] == "0000")
        {
            error = "The NIK's serial number (digits 13–16) cannot be 0000.";
            return false;
        }

        info = new NikInfo(nik, nik[..6], realDay, month, year, female);
        error = "";
        return true;
    }

    private static int Int(string s, int start) => int.Parse(s.AsSpan(start, 2), CultureInfo.InvariantCulture);
}

/// <summary>Canonical forms of contact details, so that lookups by blind index match however they were typed.</summary>
public static class Contact
{
    /// <summary>Indonesian numbers as +62…; others kept with their country code. Null when not a phone number.</summary>
    public static string? NormalizePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        var plus = value.TrimStart().StartsWith('+');
        if (!plus && digits.StartsWith('0'))
        {
            digits = "62" + digits[1..];
        }
        else if (!plus && !digits.StartsWith("62", StringComparison.Ordinal))
        {
            return null;
        }

        return digits.Length is >= 9 and <= 15 ? "+" + digits : null;
    }

    public static string? NormalizeEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var email = value.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.')
            && email.Length <= 254 && !email.Any(char.IsWhiteSpace)
            ? email
            : null;
    }
}
