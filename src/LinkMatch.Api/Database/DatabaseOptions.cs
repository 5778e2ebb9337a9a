using System.ComponentModel.DataAnnotations;

namespace LinkMatch.Api.Database;

/// <summary>Connection strings: <c>ConnectionStrings:Default</c> for the service, <c>:Migrations</c> for the schema owner.</summary>
public sealed class DatabaseOptions
{
    [Required(ErrorMessage = "ConnectionStrings:Default is required (environment: ConnectionStrings__Default).")]
    public string? Default { get; set; }

    /// <summary>The role that owns the schema and applies migrations; defaults to <see cref="Default"/>.</summary>
    public string? Migrations { get; set; }

    public string MigrationsConnectionString => string.IsNullOrWhiteSpace(Migrations) ? Default! : Migrations;
}

/// <summary>How the service treats its schema at start.</summary>
public sealed class MigrationOptions
{
    /// <summary>Apply pending migrations when the service starts (the <c>migrate</c> command always does).</summary>
    public bool ApplyOnStart { get; set; } = true;
}
