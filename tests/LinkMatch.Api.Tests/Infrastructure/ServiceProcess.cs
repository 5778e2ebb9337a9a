using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace LinkMatch.Api.Tests.Infrastructure;

/// <summary>The LinkMatch service started as a real process on 127.0.0.1, exactly as users run it, with its log
/// captured to a file. Crash tests kill it; privacy tests read its log.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static int counter;
    private readonly Process process;
    private readonly StreamWriter log;

    private ServiceProcess(Process process, Uri address, string logPath, StreamWriter log)
    {
        this.process = process;
        Address = address;
        LogPath = logPath;
        this.log = log;
    }

    public Uri Address { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    public int ProcessId => process.Id;

    /// <summary>Fresh random keys for a test database; reuse them when restarting against the same database.</summary>
    public static Dictionary<string, string> NewKeys() => new()
    {
        ["PersonalData__EncryptionKeys__1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["PersonalData__BlindIndexKeys__1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>The environment a service needs for a database: connection strings and the given keys.</summary>
    public static Dictionary<string, string> EnvironmentFor(TestDatabase db, Dictionary<string, string> keys)
    {
        var env = new Dictionary<string, string>(keys)
        {
            ["ConnectionStrings__Default"] = db.AppConnectionString,
            ["ConnectionStrings__Migrations"] = db.OwnerConnectionString,
            // Every test client signs in from 127.0.0.1; the budget tests set their own limits.
            ["RateLimits__SignInsPerMinutePerAddress"] = "1000000",
        };
        return env;
    }

    /// <summary>Starts the service and waits until /health/ready answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string> environment,
        string[]? arguments = null, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = Start(environment, arguments ?? [], address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (start.process.HasExited)
            {
                // HasExited can be true before the last lines of its output have been read: wait for the end of
                // both streams, or the message may lack the line that says why.
                await start.process.WaitForExitAsync();
                await start.log.FlushAsync();
                throw new InvalidOperationException(
                    $"The service exited with code {start.process.ExitCode} during start-up:\n{start.ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return start;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy to answer in time.
            }

            await Task.Delay(100);
        }

        await start.DisposeAsync();
        throw new TimeoutException($"The service did not become ready:\n{start.ReadLog()}");
    }

    /// <summary>Starts the binary as a job worker (<c>worker</c> command), without HTTP.</summary>
    public static Task<ServiceProcess> StartWorkerAsync(IDictionary<string, string> environment) =>
        Task.FromResult(Start(environment, ["worker"], null));

    /// <summary>Asks the process to stop (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!process.HasExited)
        {
            _ = Signals.Terminate(process.Id);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Runs a command of the service binary (migrate, create-admin, …) to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IDictionary<string, string> environment,
        params string[] arguments)
    {
        var run = Start(environment, arguments, null);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.process.WaitForExitAsync(cts.Token);
        var exitCode = run.process.ExitCode;
        await run.DisposeAsync();
        return (exitCode, await File.ReadAllTextAsync(run.LogPath));
    }

    private static ServiceProcess Start(IDictionary<string, string> environment, string[] arguments, Uri? address)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LinkMatch.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        if (address is not null)
        {
            info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var n = Interlocked.Increment(ref counter);
        var logPath = Path.Combine(TestEnvironment.LogDirectory, $"service-{Environment.ProcessId}-{n}.log");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sync = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { log.WriteLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, address ?? new Uri("http://127.0.0.1"), logPath, log);
    }

    public HttpClient CreateClient() => new(new CanaryGuard(new HttpClientHandler()))
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>SIGKILL: no shutdown, no flushing; what a crash looks like.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await log.FlushAsync();
        await log.DisposeAsync();
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
