using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Http;

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (section
/// <c>ReverseProxy</c>). None by default: a forwarded header from anyone else is ignored, so a caller cannot choose the
/// address the sign-in budget and the audit log see, nor pretend to have come over HTTPS.</summary>
public sealed class ReverseProxyOptions
{
    /// <summary>Addresses of the proxies (<c>127.0.0.1</c> for nginx on the same machine).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form (<c>10.0.0.0/8</c>, a container network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Proxies in a row in front of the service (each adds one address to X-Forwarded-For).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Configured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>Headers on every answer: no sniffing, no framing, no referrer, no server banner, and no caching of
/// anything but the console's versioned files, since API answers and pages carry personal data. A
/// Content-Security-Policy admits only this origin's files and no inline script or style, except on Swagger UI,
/// which needs inline script. HSTS when the request came over HTTPS (directly or through a known proxy).</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (!context.Request.Path.StartsWithSegments("/swagger"))
        {
            headers.ContentSecurityPolicy = Policy;
        }

        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        context.Response.OnStarting(static state =>
        {
            // Static files set their own caching (versioned assets for a year); everything else is no-store.
            var response = (HttpResponse)state;
            if (string.IsNullOrEmpty(response.Headers.CacheControl))
            {
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}

/// <summary>Wires the headers, HSTS and the forwarded headers of known proxies.</summary>
public static class SecurityHeadersSetup
{
    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReverseProxyOptions>().BindConfiguration("ReverseProxy")
            .Validate(o => o.KnownProxies.All(a => IPAddress.TryParse(a, out _)),
                "ReverseProxy:KnownProxies must hold IP addresses (127.0.0.1, 10.0.0.5)")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ReverseProxy:KnownNetworks must hold networks in CIDR form (10.0.0.0/8)")
            .Validate(o => o.ForwardLimit is >= 1 and <= 10, "ReverseProxy:ForwardLimit must be from 1 to 10")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxies.Value.ForwardLimit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxies.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(address));
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        return builder;
    }

    /// <summary>First in the pipeline, so that every answer, errors included, carries the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Configured)
        {
            app.UseForwardedHeaders();
        }

        app.UseHsts();
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
