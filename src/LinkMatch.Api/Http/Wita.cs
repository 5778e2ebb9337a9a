namespace LinkMatch.Api.Http;

/// <summary>Central Indonesian time (WITA, Asia/Makassar): Balikpapan's clock, by which an office's "today" and the
/// console's times are read, whatever the server's zone.</summary>
public static class Wita
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");

    public static DateTimeOffset Of(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A wall-clock time in Balikpapan as the instant it names.</summary>
    public static DateTimeOffset At(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local));

    public static DateTimeOffset At(DateOnly day, TimeOnly time) => At(day.ToDateTime(time));

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Of(time.GetUtcNow()).DateTime);
}
