namespace LinkMatch.Api.Auth;

/// <summary>The four kinds of caller.</summary>
public static class Roles
{
    /// <summary>Provincial administrator (Disnakertrans): everything.</summary>
    public const string Admin = "admin";

    /// <summary>Petugas antarkerja of one Disnaker office.</summary>
    public const string Staff = "staff";

    /// <summary>Instructor or manager of one BLK.</summary>
    public const string Instructor = "instructor";

    /// <summary>A DUDI partner calling with an API key.</summary>
    public const string Employer = "employer";

    public static readonly string[] Users = [Admin, Staff, Instructor];
}

/// <summary>Authorization policies; every endpoint names one.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Instructor = "instructor";
    public const string StaffOrInstructor = "staff-or-instructor";
    public const string StaffOrEmployer = "staff-or-employer";
    public const string Employer = "employer";
    public const string AnyCaller = "any-caller";

    /// <summary>The roles each policy admits; admins are admitted everywhere except the employer-only policy.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Admin] = [Roles.Admin],
        [Staff] = [Roles.Admin, Roles.Staff],
        [Instructor] = [Roles.Admin, Roles.Instructor],
        [StaffOrInstructor] = [Roles.Admin, Roles.Staff, Roles.Instructor],
        [StaffOrEmployer] = [Roles.Admin, Roles.Staff, Roles.Employer],
        [Employer] = [Roles.Employer],
        [AnyCaller] = [Roles.Admin, Roles.Staff, Roles.Instructor, Roles.Employer],
    };
}

/// <summary>Claim types LinkMatch puts in tokens and API-key identities.</summary>
public static class LinkMatchClaims
{
    public const string UserId = "sub";
    public const string OfficeId = "office_id";
    public const string TrainingCentreId = "training_centre_id";
    public const string EmployerId = "employer_id";
    public const string ApiKeyId = "api_key_id";
    public const string SecurityStamp = "stamp";

    /// <summary>The user's display name, shown in the console's header.</summary>
    public const string DisplayName = "display_name";
}
