using LinkMatch.Api.Pages.Shared;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>Laporan: the reports the signed-in user may open (IPK is for staff and admins, as in the API).</summary>
public sealed class IndexModel : ConsolePage
{
    public bool ShowsIpk => !Caller.IsInstructor;

    public void OnGet()
    {
    }
}
