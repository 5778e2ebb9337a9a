using Microsoft.Extensions.Localization;

namespace LinkMatch.Api.Pages.Admin.Users;

/// <summary>What the user forms post. The fields carry the API's names, so its field errors land beside them.</summary>
public sealed class UserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public long? OfficeId { get; set; }

    public long? TrainingCentreId { get; set; }

    public string? Password { get; set; }

    /// <summary>The API words its field errors in English; the admin reads what each field needs in the console's
    /// language instead (the rule is the API's: these texts say the same).</summary>
    public static void Translate(Dictionary<string, string[]> errors, IStringLocalizer text)
    {
        foreach (var field in errors.Keys.ToList())
        {
            var message = text[$"Users.Error.{field}"];
            if (!message.ResourceNotFound)
            {
                errors[field] = [message.Value];
            }
        }
    }
}

/// <summary>The role, office and BLK fields both user forms show (<c>_ScopeFields.cshtml</c>).</summary>
public sealed record ScopeFields(UserForm Form, IReadOnlyList<Offices.Office> Offices,
    IReadOnlyList<LinkMatch.Api.Training.TrainingCentre> Centres, Shared.ConsolePage Page);
