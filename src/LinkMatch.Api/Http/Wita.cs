namespace LinkMatch.Api.Http;

/// <summary>Central Indonesian time (WITA, Asia/Makassar): Balikpapan's clock, by which an office's "today" and the
/// console's times are read, whatever the server's zone.</summary>
public static class Wita
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");

    public static DateTimeOffset Of(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Of(time.GetUtcNow()).DateTime);
}
