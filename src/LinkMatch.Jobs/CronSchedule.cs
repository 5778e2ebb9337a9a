using Quartz;

namespace LinkMatch.Jobs;

/// <summary>A cron expression in a time zone, parsed by <see cref="CronExpression"/>.</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo timeZone)
    {
        _expression = expression;
        TimeZone = timeZone;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <exception cref="ArgumentException">The expression or the time zone is not valid.</exception>
    public static CronSchedule Parse(string cron, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Unknown time zone '{timeZoneId}' (is tzdata installed?).", nameof(timeZoneId), e);
        }
        try
        {
            return new CronSchedule(new CronExpression(ToQuartz(cron)) { TimeZone = timeZone }, timeZone);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Invalid cron expression '{cron}': {e.Message}", nameof(cron), e);
        }
    }

    /// <summary>The first fire time strictly after <paramref name="time"/>, or null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset time) => _expression.GetNextValidTimeAfter(time)?.ToUniversalTime();

    /// <summary>Quartz wants seconds first and <c>?</c> in one of the two day fields. Five Unix fields are turned
    /// into that when the meaning is plain; Unix day-of-week numbers (0 = Sunday) differ from Quartz's (1 = Sunday),
    /// so numbered days of week are refused rather than guessed.</summary>
    internal static string ToQuartz(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return string.Join(' ', fields);
        }
        var (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (dayOfWeek == "*")
        {
            dayOfWeek = "?";
        }
        else if (dayOfWeek.Any(char.IsAsciiDigit))
        {
            throw new FormatException(
                "five-field expressions must name days of week (MON-FRI); numbers differ between Unix and Quartz");
        }
        else if (dayOfMonth == "*")
        {
            dayOfMonth = "?";
        }
        else
        {
            throw new FormatException("an expression may restrict the day of month or the day of week, not both");
        }
        return $"0 {minute} {hour} {dayOfMonth} {month} {dayOfWeek}";
    }
}
