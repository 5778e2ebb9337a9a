namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The day as the service reads it: Balikpapan's calendar (WITA, Asia/Makassar), whatever the zone of the
/// machine the tests run on. From 16:00 UTC the office is already a day ahead of UTC.</summary>
public static class OfficeCalendar
{
    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Wita).DateTime);
}
