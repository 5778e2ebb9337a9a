using System.ComponentModel.DataAnnotations;

namespace LinkMatch.Api.Pages;

/// <summary>Console settings (<c>Console__*</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>A console session ends after this long without a request (sliding); each request renews it.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);
}
