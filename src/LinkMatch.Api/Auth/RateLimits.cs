using System.Globalization;
using System.Threading.RateLimiting;
using LinkMatch.Api.Pages;
using Microsoft.AspNetCore.RateLimiting;

namespace LinkMatch.Api.Auth;

/// <summary>Request budgets. Exceeding one answers 429 with Retry-After (never 503).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts per client address per minute, on top of the per-account lock-out.</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Requests per API key per minute.</summary>
    public int RequestsPerMinutePerApiKey { get; set; } = 600;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddRequestBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits");
        var options = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            // Only attempts count: showing the console's sign-in page is not one.
            limiter.AddPolicy(SignIn, ctx => HttpMethods.IsGet(ctx.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page")
                : RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.SignInsPerMinutePerAddress,
                        Window = TimeSpan.FromMinutes(1),
                    }));
            // Employers are outside parties: each key has its own budget. Users are bounded by lock-out and by the
            // office's own use, so they are not limited here.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                ctx.User.FindFirst(LinkMatchClaims.ApiKeyId)?.Value is { } key
                    ? RateLimitPartition.GetTokenBucketLimiter($"key:{key}", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RequestsPerMinutePerApiKey,
                        TokensPerPeriod = Math.Max(1, options.RequestsPerMinutePerApiKey / 6),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("users"));
        });
        return services;
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
            ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))
            : 60;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (ConsoleSetup.IsConsole(http.Request))
        {
            // The console's 429 page answers (status code pages), in the user's language.
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The request budget is used up; try again in {retryAfter} seconds.",
            },
        });
    }
}
