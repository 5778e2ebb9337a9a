using System.Data;
using Dapper;

namespace LinkMatch.Api.Database;

/// <summary>Npgsql reads <c>date</c> as <see cref="DateTime"/> and <c>timestamptz</c> as UTC <see cref="DateTime"/>;
/// the API speaks <see cref="DateOnly"/> and <see cref="DateTimeOffset"/>.</summary>
internal static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        // Dapper's built-in mapping of DateTimeOffset parameters wins over a handler; without it, a time sent with an
        // offset (WITA, +08:00) would reach Npgsql, which writes only UTC to timestamptz.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new TextArrayHandler());
    }

    /// <summary>Npgsql reports <c>text[]</c> columns as <see cref="Array"/>, which Dapper will not match to a
    /// positional record's <c>string[]</c> parameter without a handler.</summary>
    private sealed class TextArrayHandler : SqlMapper.TypeHandler<string[]>
    {
        public override string[] Parse(object value) => value as string[]
            ?? throw new DataException($"Cannot convert {value.GetType()} to string[].");

        public override void SetValue(IDbDataParameter parameter, string[]? value) =>
            parameter.Value = (object?)value ?? DBNull.Value;
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => throw new DataException($"Cannot convert {value.GetType()} to DateOnly."),
        };

        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot convert {value.GetType()} to DateTimeOffset."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToUniversalTime();
        }
    }
}
