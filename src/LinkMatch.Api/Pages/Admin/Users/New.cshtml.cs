using LinkMatch.Api.Auth;
using LinkMatch.Api.Offices;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.Training;
using LinkMatch.Api.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Admin.Users;

/// <summary>Tambah pengguna: <c>POST /api/v1/users</c>'s handler. Staff belong to an office, instructors to a BLK;
/// the select that does not apply to the chosen role is ignored.</summary>
public sealed class NewModel(NpgsqlDataSource db, IPasswordHasher<UserAccount> hasher, IStringLocalizer<AdminText> text)
    : ConsolePage
{
    public UserForm Form { get; private set; } = new();

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<TrainingCentre> Centres { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(UserForm form)
    {
        Form = form;
        var ct = HttpContext.RequestAborted;
        var request = new CreateUserRequest(Form.UserName?.Trim() ?? "", Form.DisplayName?.Trim() ?? "",
            Form.Role ?? "", Form.Password ?? "", Form.Role == Roles.Staff ? Form.OfficeId : null,
            Form.Role == Roles.Instructor ? Form.TrainingCentreId : null);
        if (BindingSucceeded())
        {
            AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        }

        if (Errors.Count > 0)
        {
            return await InvalidAsync();
        }

        var outcome = Handlers.Outcome<User>(await UsersApi.Create(request, Caller, hasher, db, ct));
        switch (outcome)
        {
            case HandlerOutcome<User>.Success { Value: var user }:
                Flash(string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Users.Created"],
                    user.DisplayName, user.UserName));
                return Redirect($"/admin/pengguna/{user.Id}");
            case HandlerOutcome<User>.Refused { Status: StatusCodes.Status409Conflict }:
                Errors["userName"] = [text["Users.Error.Taken"]];
                Response.StatusCode = StatusCodes.Status409Conflict;
                await LoadAsync();
                return Page();
            case HandlerOutcome<User>.Invalid invalid:
                AddErrors(invalid.Errors);
                return await InvalidAsync();
            default:
                await LoadAsync();
                return Unsuccessful(outcome, Page);
        }
    }

    private async Task<IActionResult> InvalidAsync()
    {
        UserForm.Translate(Errors, text);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offices = await AdminLists.OfficesAsync(db, ct);
        Centres = await AdminLists.TrainingCentresAsync(Caller, db, ct);
    }
}
