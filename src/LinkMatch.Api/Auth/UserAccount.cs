namespace LinkMatch.Api.Auth;

/// <summary>A row of <c>users</c> as sign-in needs it.</summary>
public sealed record UserAccount(
    long Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    string Role,
    long? OfficeId,
    long? TrainingCentreId,
    Guid SecurityStamp,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? DisabledAt);
