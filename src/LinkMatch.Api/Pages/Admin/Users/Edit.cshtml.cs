using System.Globalization;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Training;
using LinkMatch.Api.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Users;

/// <summary>One user: change name, role, office or BLK; disable or enable; set a new password. Every change goes
/// through the users API's handlers, which give the user a new security stamp when their role, scope or status
/// changes or a password is set, so their sessions (console and API) end.</summary>
public sealed class EditModel(NpgsqlDataSource db, IPasswordHasher<UserAccount> hasher, IMemoryCache cache,
    IStringLocalizer<AdminText> text) : ConsolePage
{
    public User Account { get; private set; } = null!;

    public UserForm Form { get; private set; } = new();

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<TrainingCentre> Centres { get; private set; } = [];

    /// <summary>Which form the errors belong to: "save" or "password".</summary>
    public string? FailedForm { get; private set; }

    public bool IsSelf => Account.Id == Caller.UserId;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await FindAsync(id) is { } missing)
        {
            return missing;
        }

        Form = new UserForm
        {
            DisplayName = Account.DisplayName,
            Role = Account.Role,
            OfficeId = Account.OfficeId,
            TrainingCentreId = Account.TrainingCentreId,
        };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, UserForm form)
    {
        if (await FindAsync(id) is { } missing)
        {
            return missing;
        }

        Form = form;
        return await UpdateAsync(id, new UpdateUserRequest(form.DisplayName?.Trim() ?? "", form.Role ?? "",
            form.Role == Roles.Staff ? form.OfficeId : null, form.Role == Roles.Instructor ? form.TrainingCentreId : null,
            Account.Disabled), text["Users.Saved"]);
    }

    /// <summary>Disables or enables the account, keeping everything else as it is.</summary>
    public async Task<IActionResult> OnPostStatusAsync(long id, bool disable)
    {
        if (await FindAsync(id) is { } missing)
        {
            return missing;
        }

        Form = new UserForm
        {
            DisplayName = Account.DisplayName,
            Role = Account.Role,
            OfficeId = Account.OfficeId,
            TrainingCentreId = Account.TrainingCentreId,
        };
        return await UpdateAsync(id, new UpdateUserRequest(Account.DisplayName, Account.Role, Account.OfficeId,
            Account.TrainingCentreId, disable), disable ? text["Users.DisabledNow"] : text["Users.EnabledNow"]);
    }

    public async Task<IActionResult> OnPostPasswordAsync(long id, [FromForm(Name = "password")] string? password)
    {
        if (await FindAsync(id) is { } missing)
        {
            return missing;
        }

        Form = new UserForm
        {
            DisplayName = Account.DisplayName,
            Role = Account.Role,
            OfficeId = Account.OfficeId,
            TrainingCentreId = Account.TrainingCentreId,
        };
        var request = new SetPasswordRequest(password ?? "");
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return await InvalidAsync("password");
        }

        // 204 when set; the only other answer is 404 (the user was deleted meanwhile).
        var result = await UsersApi.SetPassword(id, request, Caller, hasher, db, cache, HttpContext.RequestAborted);
        if (result.Result is not NoContent)
        {
            return NotFound();
        }

        Flash(string.Format(CultureInfo.CurrentCulture, text["Users.PasswordSet"], Account.UserName));
        return Redirect($"/admin/pengguna/{id}");
    }

    private async Task<IActionResult> UpdateAsync(long id, UpdateUserRequest request, string done)
    {
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return await InvalidAsync("save");
        }

        var outcome = Handlers.Outcome<User>(await UsersApi.Update(id, request, Caller, db, cache,
            HttpContext.RequestAborted));
        switch (outcome)
        {
            case HandlerOutcome<User>.Success:
                Flash(done);
                return Redirect($"/admin/pengguna/{id}");
            case HandlerOutcome<User>.Invalid invalid:
                AddErrors(invalid.Errors);
                return await InvalidAsync("save");
            default:
                await LoadAsync();
                return Unsuccessful(outcome, Page);
        }
    }

    private async Task<IActionResult> InvalidAsync(string form)
    {
        FailedForm = form;
        UserForm.Translate(Errors, text);
        if (IsSelf && Errors.ContainsKey("role"))
        {
            Errors["role"] = [text["Users.Error.Self"]];
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    /// <summary>The user, or the 404 page.</summary>
    private async Task<IActionResult?> FindAsync(long id)
    {
        var outcome = Handlers.Outcome<User>(await UsersApi.Get(id, db, HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<User>.Success { Value: var user })
        {
            Account = user;
            return null;
        }

        return NotFound();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offices = await AdminLists.OfficesAsync(db, ct);
        Centres = await AdminLists.TrainingCentresAsync(Caller, db, ct);
    }
}
