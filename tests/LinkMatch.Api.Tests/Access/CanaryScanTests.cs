using System.Diagnostics;
using LinkMatch.Api.Tests.Infrastructure;

namespace LinkMatch.Api.Tests.Access;

/// <summary>After every run scripts/test searches this run's service logs and PostgreSQL log lines for the canary
/// seeker (scripts/lib/canary.sh). These tests keep that search honest: it looks for the same values as
/// <see cref="CanaryGuard"/>, finds them when they are there, and reads the PostgreSQL log only from the run's start.</summary>
public class CanaryScanTests
{
    [Fact]
    public async Task The_script_searches_for_the_values_the_tests_guard()
    {
        var (code, output) = await BashAsync("lm_canary_values");
        Assert.True(code == 0, output);
        Assert.Equal([Canary.Nik, Canary.Phone, Canary.Phone["+62".Length..], Canary.Email],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_script_fails_on_a_leak_without_printing_it_and_skips_what_came_before_the_run()
    {
        var folder = Directory.CreateTempSubdirectory("lm-canary-").FullName;
        try
        {
            var clean = Path.Combine(folder, "clean.log");
            var leaky = Path.Combine(folder, "leaky.log");
            var database = Path.Combine(folder, "postgresql.log");
            await File.WriteAllTextAsync(clean, "info: request finished 200\n");
            await File.WriteAllTextAsync(leaky, $"info: one\ninfo: phone {Canary.Phone.ToUpperInvariant()[3..]}\n");
            var before = $"LOG: statement: select '{Canary.Email}'\n";
            await File.WriteAllTextAsync(database, before + "LOG: statement: select 1\n");

            var (ok, okOutput) = await BashAsync($"lm_canary_scan '{database}' {before.Length} '{clean}'");
            Assert.True(ok == 0, okOutput);

            var (serviceLeak, serviceOutput) = await BashAsync($"lm_canary_scan '{database}' {before.Length} '{clean}' '{leaky}'");
            Assert.NotEqual(0, serviceLeak);
            Assert.Contains($"{leaky}:2", serviceOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(Canary.Phone[3..], serviceOutput, StringComparison.Ordinal);

            var (databaseLeak, databaseOutput) = await BashAsync($"lm_canary_scan '{database}' 0 '{clean}'");
            Assert.NotEqual(0, databaseLeak);
            Assert.DoesNotContain(Canary.Email, databaseOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> BashAsync(string command)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "LinkMatch.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("LinkMatch.sln not found above the tests");
        }

        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"source scripts/lib/postgres.sh && source scripts/lib/canary.sh && {command}");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output + await error);
    }
}
