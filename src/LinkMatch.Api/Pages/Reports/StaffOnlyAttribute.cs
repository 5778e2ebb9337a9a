using LinkMatch.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace LinkMatch.Api.Pages.Reports;

/// <summary>A page of a staff-or-instructor folder that only staff (and admins) may open, as its API endpoint: the
/// IPK report. Applied after the folder's convention, so the page's last (narrowest) policy is the one the route
/// table reports; both are enforced.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class StaffOnlyAttribute : Attribute, IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model) => model.EndpointMetadata.Add(new AuthorizeAttribute(Policies.Staff));
}
