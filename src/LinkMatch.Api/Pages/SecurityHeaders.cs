namespace LinkMatch.Api.Pages;

/// <summary>Headers on every answer outside Swagger UI (which needs inline script): a Content-Security-Policy that
/// admits only this origin's files and no inline script or style, no framing, no sniffing, no referrer outside.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/swagger"))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        }

        return next(context);
    }
}
