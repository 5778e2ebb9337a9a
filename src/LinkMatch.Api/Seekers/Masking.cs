using System.Globalization;
using LinkMatch.Api.PersonalData;

namespace LinkMatch.Api.Seekers;

/// <summary>Masked forms of personal data for callers who may know a seeker exists but not who they are.</summary>
internal static class Masking
{
    /// <summary>The region digits (kept in <c>nik_region</c>) then ten stars, so the NIK need not be decrypted.</summary>
    public static string Nik(string? region) =>
        region is { Length: 6 } ? NikInfo.Mask(region + "0000000000") : NikInfo.Mask("");

    /// <summary>The last three digits only: '***********234'.</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null : phone.Length <= 3 ? new string('*', phone.Length) : new string('*', phone.Length - 3) + phone[^3..];

    /// <summary>The first letter and the domain: 'c***@example.id'.</summary>
    public static string? Email(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }

    /// <summary>Five-year bands as BPS publishes labour statistics: '15-19' … '60-64', '65+'.</summary>
    public static string AgeBand(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year - (today < birthDate.AddYears(today.Year - birthDate.Year) ? 1 : 0);
        if (age < 15)
        {
            return "<15";
        }

        if (age >= 65)
        {
            return "65+";
        }

        var low = age / 5 * 5;
        return string.Create(CultureInfo.InvariantCulture, $"{low}-{low + 4}");
    }
}
