using Npgsql;

namespace LinkMatch.Api.Database;

/// <summary>Recognises the constraint a write broke, so handlers can answer 409 or name the field.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(this PostgresException e, string? constraint = null) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && (constraint is null || e.ConstraintName == constraint);

    public static bool IsForeignKeyViolation(this PostgresException e, string? constraint = null) =>
        e.SqlState == PostgresErrorCodes.ForeignKeyViolation && (constraint is null || e.ConstraintName == constraint);

    public static bool IsCheckViolation(this PostgresException e, string? constraint = null) =>
        e.SqlState == PostgresErrorCodes.CheckViolation && (constraint is null || e.ConstraintName == constraint);
}
