using LinkMatch.Api.Pages.Shared;

namespace LinkMatch.Api.Pages.Home;

/// <summary>Beranda: what needs the signed-in user's attention, per role.</summary>
public sealed class IndexModel : ConsolePage
{
    public void OnGet()
    {
    }
}
