using LinkMatch.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LinkMatch.Api.Tests.Platform;

/// <summary>The configured import limit governs every way a file may arrive, not only the CSV import's own check.</summary>
public class LimitOptionsTests
{
    [Fact]
    public async Task A_configured_import_limit_also_bounds_multipart_bodies()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Limits:MaxImportBodyBytes"] = "4096",
        });
        builder.AddApiDefaults();
        await using var app = builder.Build();
        Assert.Equal(4096, app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.MaxImportBodyBytes);
        Assert.Equal(4096, app.Services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
    }
}
