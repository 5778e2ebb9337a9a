using System.Globalization;
using LinkMatch.Api.Http;
using LinkMatch.Api.Matching.Jobs;
using LinkMatch.Api.Matching.Suggestions;
using LinkMatch.Api.Pages.Shared;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Placements;
using LinkMatch.Api.Seekers;
using LinkMatch.Api.Training;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace LinkMatch.Api.Pages.Seekers;

/// <summary>Profil pencari kerja: the seeker as <c>GET /api/v1/seekers/{id}</c>'s handler gives it to the signed-in
/// user (whole, masked or restricted; every view audited), with training, suggestions and placements from their own
/// handlers; consent recorded and withdrawn through the consent handlers; export and erasure for admins.</summary>
public sealed class ProfileModel(NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time,
    MatchingTriggers matching, ReferenceLabels reference, IStringLocalizer<SeekerText> text) : ConsolePage
{
    /// <summary>The word an admin may type instead of the AK/1 number to confirm an erasure.</summary>
    public const string EraseWord = "HAPUS";

    public static readonly string[] Channels = ["in_person", "paper_form", "online", "phone"];

    public static readonly string[] ErasureReasons =
        ["data_subject_request", "deceased", "duplicate", "retention_expired", "other"];

    public Seeker Seeker { get; private set; } = null!;

    public IReadOnlyList<TrainingRecord> Training { get; private set; } = [];

    public PagedList<SeekerSuggestion>? Suggestions { get; private set; }

    public PagedList<Placement>? Placements { get; private set; }

    public Labels Labels { get; private set; } = null!;

    /// <summary>The form whose panel stays open with its errors after a refused post: consent, withdraw, erase.</summary>
    public string? OpenForm { get; private set; }

    /// <summary>What the officer typed into the form that failed, shown again.</summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);

    /// <summary>Consent and suggestions are the staff's business (and admins'); instructors only read.</summary>
    public bool IsStaffOrAdmin => Caller.IsStaff || Caller.IsAdmin;

    public bool IsAdmin => Caller.IsAdmin;

    public SeekerConsent? OpenConsent => Seeker.Consents.FirstOrDefault(c => c.WithdrawnAt is null);

    public DateOnly Today => DateOnly.FromDateTime(Formats.InWita(time.GetUtcNow()).DateTime);

    public int? AgeYears => Seeker.BirthDate is { } birth
        ? Today.Year - birth.Year - (Today < birth.AddYears(Today.Year - birth.Year) ? 1 : 0)
        : null;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    /// <summary>Catat persetujuan: consent to matching, with its channel, proof and time.</summary>
    public async Task<IActionResult> OnPostConsentAsync(long id, [FromForm(Name = "channel")] string? channel,
        [FromForm(Name = "evidence")] string? evidence, [FromForm(Name = "at")] string? at)
    {
        if (!IsStaffOrAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Typed["channel"] = channel;
        Typed["evidence"] = evidence;
        Typed["at"] = at;
        DateTimeOffset? when = null;
        if (Blank(at) is { } local)
        {
            when = Formats.FromInputDateTime(local);
            if (when is null)
            {
                Errors["at"] = [text["Consent.BadTime"]];
            }
        }

        var request = new ConsentRequest(channel ?? "", Blank(evidence), when);
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return await RefusedAsync(id, "consent");
        }

        var outcome = Handlers.Outcome<SeekerConsent>(await SeekerConsents.Grant(id, request, Caller, db, time, matching,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<SeekerConsent>.Success)
        {
            Flash(text["Consent.Recorded"]);
            return Redirect($"/pencari-kerja/{id}#persetujuan");
        }

        return await FailedAsync(id, outcome, "consent", text["Consent.AlreadyOpen"]);
    }

    /// <summary>Tarik persetujuan: the withdrawal stops matching at once.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(long id, [FromForm(Name = "channel")] string? channel)
    {
        if (!IsStaffOrAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Typed["channel"] = channel;
        var request = new WithdrawalRequest(channel ?? "");
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            return await RefusedAsync(id, "withdraw");
        }

        var outcome = Handlers.Outcome<SeekerConsent>(await SeekerConsents.Withdraw(id, request, Caller, db, time,
            matching, HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<SeekerConsent>.Success)
        {
            Flash(text["Consent.Withdrawn"]);
            return Redirect($"/pencari-kerja/{id}#persetujuan");
        }

        return await FailedAsync(id, outcome, "withdraw", text["Consent.NothingToWithdraw"]);
    }

    /// <summary>Unduh data (hak akses, UU 27/2022): the export handler's JSON as it is, for admins.</summary>
    public async Task<IActionResult> OnPostExportAsync(long id)
    {
        if (!IsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var result = await SeekerExport.Export(id, Caller, db, protector, time, HttpContext.RequestAborted);
        if (result.Result is Ok<SeekerExportDocument>)
        {
            Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture,
                $"attachment; filename=\"pencari-kerja-{id}-{Today:yyyyMMdd}.json\"");
            return Send(result);
        }

        return await FailedAsync(id, Handlers.Outcome<SeekerExportDocument>(result), "export");
    }

    /// <summary>Hapus data (hak penghapusan, UU 27/2022), for admins, once they have typed the AK/1 number or
    /// <see cref="EraseWord"/>.</summary>
    public async Task<IActionResult> OnPostEraseAsync(long id, [FromForm(Name = "reason")] string? reason,
        [FromForm(Name = "note")] string? note, [FromForm(Name = "confirm")] string? confirm)
    {
        if (!IsAdmin)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Typed["reason"] = reason;
        Typed["note"] = note;
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        var typed = confirm?.Trim();
        if (typed != EraseWord && (Seeker.Ak1Number is null || typed != Seeker.Ak1Number))
        {
            Errors["confirm"] = [text["Erase.BadConfirm"]];
        }

        var request = new ErasureRequest(reason ?? "", Blank(note));
        AddErrors(await Handlers.ValidateAsync(request, HttpContext));
        if (Errors.Count > 0)
        {
            OpenForm = "erase";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = Handlers.Outcome<SeekerTombstone>(await SeekerErasure.Erase(id, request, Caller, db, matching,
            HttpContext.RequestAborted));
        if (outcome is HandlerOutcome<SeekerTombstone>.Success)
        {
            Flash(string.Format(CultureInfo.CurrentCulture, text["Erase.Done"], id));
            return Redirect("/pencari-kerja");
        }

        return await FailedAsync(id, outcome, "erase");
    }

    /// <summary>Loads the page; null when it can be shown, else the 404 or 410 page.</summary>
    private async Task<IActionResult?> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var outcome = Handlers.Outcome<Seeker>(await SeekerReading.Get(id, Caller, db, protector, time, ct));
        if (outcome is not HandlerOutcome<Seeker>.Success success)
        {
            return Unsuccessful(outcome, Page);
        }

        Seeker = success.Value;
        Labels = await reference.LoadAsync(ct);
        Training = await TrainingAsync(id, ct);
        if (IsStaffOrAdmin)
        {
            // The handlers' own policies: suggestions are for staff and admins, placements for staff, admins and
            // employers; instructors reach neither.
            Suggestions = Handlers.Outcome<PagedList<SeekerSuggestion>>(await SuggestionQueries.ListForSeeker(id,
                new SuggestionFilter(), new PageQuery(1, 20, null), Caller, db, ct)).ValueOrDefault;
            Placements = Handlers.Outcome<PagedList<Placement>>(await PlacementQueries.List(
                new PlacementFilter(SeekerId: id), new PageQuery(1, 50, null), Caller, db, ct)).ValueOrDefault;
        }

        return null;
    }

    /// <summary>The seeker's enrolments with the names of their course, cohort and BLK. A seeker has a handful of
    /// enrolments at most, so each distinct course, cohort and BLK is read once through its own handler.</summary>
    private async Task<IReadOnlyList<TrainingRecord>> TrainingAsync(long id, CancellationToken ct)
    {
        var enrolments = Handlers.Outcome<PagedList<Enrolment>>(await EnrolmentsApi.List(
            new EnrolmentFilter(SeekerId: id), new PageQuery(1, 50, "-createdAt"), Caller, db, ct))
            .ValueOrDefault?.Items ?? [];
        var courses = new Dictionary<long, Course?>();
        var cohorts = new Dictionary<long, Cohort?>();
        var centres = new Dictionary<long, TrainingCentre?>();
        var records = new List<TrainingRecord>();
        foreach (var e in enrolments)
        {
            if (!courses.TryGetValue(e.CourseId, out var course))
            {
                course = Handlers.Outcome<Course>(await CoursesApi.Get(e.CourseId, Caller, db, ct)).ValueOrDefault;
                courses[e.CourseId] = course;
            }

            if (!cohorts.TryGetValue(e.CohortId, out var cohort))
            {
                cohort = Handlers.Outcome<Cohort>(await CohortsApi.Get(e.CohortId, Caller, db, time, ct)).ValueOrDefault;
                cohorts[e.CohortId] = cohort;
            }

            if (!centres.TryGetValue(e.TrainingCentreId, out var centre))
            {
                centre = Handlers.Outcome<TrainingCentre>(await TrainingCentresApi.Get(e.TrainingCentreId, Caller, db,
                    ct)).ValueOrDefault;
                centres[e.TrainingCentreId] = centre;
            }

            records.Add(new TrainingRecord(e, course, cohort, centre));
        }

        return records;
    }

    /// <summary>A post the page refused before calling the handler: the page again with the form's errors.</summary>
    private async Task<IActionResult> RefusedAsync(long id, string form)
    {
        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        OpenForm = form;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>A handler's refusal: the 404 or 410 page, or the page again with the form's errors or the refusal
    /// (in the officer's words for a conflict) above it.</summary>
    private async Task<IActionResult> FailedAsync<T>(long id, HandlerOutcome<T> outcome, string form,
        string? conflict = null)
    {
        if (outcome is HandlerOutcome<T>.NotFound or HandlerOutcome<T>.Refused { Status: StatusCodes.Status410Gone })
        {
            return Unsuccessful(outcome, Page);
        }

        if (await LoadAsync(id) is { } missing)
        {
            return missing;
        }

        OpenForm = form;
        var answer = Unsuccessful(outcome, Page);
        if (outcome is HandlerOutcome<T>.Refused { Status: StatusCodes.Status409Conflict } && conflict is not null)
        {
            Problem = conflict;
        }
        else if (outcome is HandlerOutcome<T>.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return answer;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Riwayat pelatihan: one enrolment with what it names (null where the caller may not read it).</summary>
    public sealed record TrainingRecord(Enrolment Enrolment, Course? Course, Cohort? Cohort, TrainingCentre? Centre);
}
