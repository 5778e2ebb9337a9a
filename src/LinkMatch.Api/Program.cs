using LinkMatch.Api.Audit;
using LinkMatch.Api.Auth;
using LinkMatch.Api.Commands;
using LinkMatch.Api.Database;
using LinkMatch.Api.Demo;
using LinkMatch.Api.Employers;
using LinkMatch.Api.Health;
using LinkMatch.Api.Http;
using LinkMatch.Api.Jobs;
using LinkMatch.Api.Matching;
using LinkMatch.Api.Mous;
using LinkMatch.Api.Offices;
using LinkMatch.Api.OpenApi;
using LinkMatch.Api.Pages;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Placements;
using LinkMatch.Api.Reference;
using LinkMatch.Api.Reports;
using LinkMatch.Api.Seekers;
using LinkMatch.Api.Telemetry;
using LinkMatch.Api.Training;
using LinkMatch.Api.Users;
using LinkMatch.Api.Vacancies;
using LinkMatch.Api.Workflow;
using LinkMatch.Api.Worklist;

var builder = WebApplication.CreateBuilder(args);
builder.AddDatabase();
builder.AddApiDefaults();
builder.AddSecurityHeaders();
builder.AddTelemetry();
builder.AddPersonalDataProtection();
builder.AddAccessControl();
builder.AddOpenApiDocument();
builder.AddHealth();
builder.AddDemo();
builder.AddJobs();
builder.AddReports();
builder.AddMatching();
builder.AddConsole();

var app = builder.Build();
if (!app.ConfigurationIsValid() || !app.EmbeddedResourcesArePresent())
{
    return await app.StartupFailedAsync();
}

app.UseSecurityHeaders();
app.UseApiDefaults();
app.UseOpenApiDocument();
app.UseConsole();
// Routing after the error pages, so that a re-executed error page is routed to its endpoint.
app.UseRouting();
app.UseAccessControl();

app.MapHealth();
app.MapAuthApi();
app.MapReferenceApi();
app.MapOfficesApi();
app.MapUsersApi();
app.MapAuditApi();
app.MapTrainingApi();
app.MapEmployersApi();
app.MapMousApi();
app.MapVacanciesApi();
app.MapPlacementsApi();
app.MapSeekersApi();
app.MapJobsApi();
app.MapReportsApi();
app.MapMatchingApi();
app.MapWorkflowApi();
app.MapWorklistApi();
app.MapConsole();

// Commands run after the routes are mapped (the routes command lists them) and before migrations.
if (CommandLine.CommandName(args) is { } command)
{
    return await CommandLine.RunAsync(app, command, args);
}

if (!await app.MigrateDatabaseAsync() || !await app.LoadDemoIfEnabledAsync())
{
    return await app.StartupFailedAsync();
}

return await app.ServeAsync();

/// <summary>The entry point, visible to tests that start the service.</summary>
public partial class Program;
