using LinkMatch.Api.Http;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The day as the service reads it: Balikpapan's calendar (<see cref="Wita"/>), whatever the zone of the
/// machine the tests run on. From 16:00 UTC the office is already a day ahead of UTC.</summary>
public static class OfficeCalendar
{
    public static DateOnly Today => Wita.Today(TimeProvider.System);
}
