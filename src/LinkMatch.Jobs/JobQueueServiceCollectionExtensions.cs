using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LinkMatch.Jobs;

/// <summary>Ties a job kind to the handler that runs it.</summary>
public sealed record JobHandlerRegistration(string Kind, Func<IServiceProvider, IJobHandler> Factory);

public static class JobQueueServiceCollectionExtensions
{
    /// <summary>Adds the queue (<see cref="IJobQueue"/>), the staff operations (<see cref="JobAdmin"/>) and the
    /// <see cref="JobServer"/> run as a hosted service. Options come from the <c>Jobs</c> section, then
    /// <paramref name="configure"/>, and are validated at start. Needs an <see cref="Npgsql.NpgsqlDataSource"/> and an
    /// <c>IConfiguration</c> in the container.</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services,
        Action<JobQueueOptions>? configure = null)
    {
        var options = services.AddOptions<JobQueueOptions>()
            .BindConfiguration(JobQueueOptions.SectionName)
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<JobQueueOptions>, JobQueueOptionsValidator>());
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<IJobQueue>(sp => sp.GetRequiredService<JobQueue>());
        services.TryAddSingleton<JobAdmin>();
        services.TryAddSingleton<JobServer>();
        services.AddHostedService<JobServerHostedService>();
        return services;
    }

    /// <summary>Runs jobs of <paramref name="kind"/> with <typeparamref name="THandler"/>, resolved in a scope of
    /// its own for each job.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IJobHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        services.TryAddScoped<THandler>();
        services.AddSingleton(new JobHandlerRegistration(kind, sp => sp.GetRequiredService<THandler>()));
        return services;
    }

    /// <summary>Runs jobs of <paramref name="kind"/> with a function.</summary>
    public static IServiceCollection AddJobHandler(this IServiceCollection services, string kind,
        Func<JobContext, CancellationToken, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(handler);
        var instance = new DelegateJobHandler(handler);
        services.AddSingleton(new JobHandlerRegistration(kind, _ => instance));
        return services;
    }

    /// <summary>Enqueues a job of <see cref="RecurringJob.Kind"/> at every fire time of the cron expression.</summary>
    public static IServiceCollection AddRecurringJob(this IServiceCollection services, RecurringJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        services.AddSingleton(job);
        return services;
    }

    private sealed class DelegateJobHandler(Func<JobContext, CancellationToken, Task> handler) : IJobHandler
    {
        public Task ExecuteAsync(JobContext context, CancellationToken cancellationToken) =>
            handler(context, cancellationToken);
    }
}
