using LinkMatch.Api.Auth;
using LinkMatch.Api.Commands;
using LinkMatch.Api.Database;
using LinkMatch.Api.Health;
using LinkMatch.Api.Http;
using LinkMatch.Api.Offices;
using LinkMatch.Api.OpenApi;
using LinkMatch.Api.PersonalData;
using LinkMatch.Api.Reference;
using LinkMatch.Api.Seekers;
using LinkMatch.Api.Users;

var builder = WebApplication.CreateBuilder(args);
builder.AddDatabase();
builder.AddApiDefaults();
builder.AddPersonalDataProtection();
builder.AddAccessControl();
builder.AddOpenApiDocument();
builder.AddHealth();

var app = builder.Build();
if (CommandLine.CommandName(args) is { } command)
{
    return await CommandLine.RunAsync(app, command, args);
}

if (!await app.MigrateDatabaseAsync())
{
    return 1;
}

app.UseApiDefaults();
app.UseOpenApiDocument();
app.UseAccessControl();

app.MapHealth();
app.MapAuthApi();
app.MapReferenceApi();
app.MapOfficesApi();
app.MapUsersApi();
app.MapSeekersApi();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to tests that start the service.</summary>
public partial class Program;
