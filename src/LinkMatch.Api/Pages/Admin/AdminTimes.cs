using System.Globalization;
using LinkMatch.Api.Http;

namespace LinkMatch.Api.Pages.Admin;

/// <summary>Dates and times an admin types are Balikpapan's (WITA), whatever the server's time zone.</summary>
public static class AdminTimes
{
    public static DateTimeOffset StartOfDayInWita(DateOnly day) => InWita(day, TimeOnly.MinValue);

    public static DateTimeOffset InWita(DateOnly day, TimeOnly time) => Wita.At(day, time);

    /// <summary>"2026-12-02" (and "14:30" or nothing) as an instant in WITA; a date alone is the start of that day,
    /// or with <paramref name="endOfDay"/> the start of the next (so "to 2 December" includes the 2nd).</summary>
    public static bool TryParse(string? date, string? time, bool endOfDay, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(date))
        {
            return string.IsNullOrWhiteSpace(time);
        }

        if (!DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(time))
        {
            instant = StartOfDayInWita(endOfDay ? day.AddDays(1) : day);
            return true;
        }

        if (!TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "HH:mm:ss", "HH.mm"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var at))
        {
            return false;
        }

        instant = InWita(day, at);
        return true;
    }
}
