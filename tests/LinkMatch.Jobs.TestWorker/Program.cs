// A worker process for the crash test: runs a JobServer whose handler writes one effect row per job in the
// job's completion transaction, and can be told to sleep mid-job so that the test can kill it there.
// Configuration: ConnectionStrings__Jobs, Jobs__* (JobQueueOptions).
using LinkMatch.Jobs;
using LinkMatch.Jobs.TestWorker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

var builder = Host.CreateApplicationBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Jobs")
    ?? throw new InvalidOperationException("ConnectionStrings__Jobs is not set.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddJobQueue();
builder.Services.AddJobHandler<EffectHandler>(EffectHandler.Kind);

using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("worker ready");
Console.Out.Flush();
await host.WaitForShutdownAsync();
