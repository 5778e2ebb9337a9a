using Dapper;

namespace LinkMatch.Jobs;

internal static class Db
{
    // The project's convention: snake_case columns map onto PascalCase members and record parameters.
    public static void Configure() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
