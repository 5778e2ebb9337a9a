using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LinkMatch.Api.Tests.Reliability;

/// <summary>A throw-away PostgreSQL cluster of one test's own, in a temporary folder on its own port, for tests that
/// crash, kill or freeze the server: the shared test cluster serves every other test in parallel and must never be
/// touched. Set up like scripts/lib/postgres.sh does it: run as user postgres when root, <c>--no-sync</c> and
/// <c>fsync = off</c> (a process crash loses nothing while <c>synchronous_commit</c> stays on), the service's role
/// <c>linkmatch_app</c>.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;
    private readonly string log;

    private PrivateCluster(string folder, string bin, int port)
    {
        Folder = folder;
        this.bin = bin;
        data = Path.Combine(folder, "data");
        log = Path.Combine(folder, "postgresql.log");
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = "postgres",
        Username = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>The postmaster's process id, from its pid file.</summary>
    public int PostmasterPid =>
        int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    public static async Task<PrivateCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("PostgreSQL server binaries are not installed");
        var folder = Path.Combine(Path.GetTempPath(), $"lm-pg-{Guid.NewGuid():N}"[..18]);
        Directory.CreateDirectory(folder);
        var cluster = new PrivateCluster(folder, bin, FreePort());
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:", folder);
            await RunAsync("chmod", "755", folder);
        }

        await cluster.AsPostgresAsync("initdb", "--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8", "-D", cluster.data);
        var settings = string.Join('\n',
            "listen_addresses = '127.0.0.1'",
            $"port = {cluster.Port}",
            $"unix_socket_directories = '{folder}'",
            "max_connections = 100",
            "shared_buffers = 32MB",
            "fsync = off",
            "full_page_writes = off",
            "synchronous_commit = on",
            "log_min_messages = warning");
        await File.AppendAllTextAsync(Path.Combine(cluster.data, "postgresql.conf"), "\n" + settings + "\n");
        await cluster.StartServerAsync();
        await using var conn = new NpgsqlConnection(cluster.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("create role linkmatch_app login", conn);
        await cmd.ExecuteNonQueryAsync();
        return cluster;
    }

    /// <summary>Starts the server (again, after a crash: recovery replays the WAL) and waits until it accepts
    /// connections.</summary>
    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", data, "-w", "-t", "60", "-l", log, "start");

    /// <summary>A crash: <c>pg_ctl stop -m immediate</c> ends every server process without a checkpoint.</summary>
    public Task CrashAsync() => AsPostgresAsync("pg_ctl", "-D", data, "-m", "immediate", "stop");

    /// <summary>The postmaster and every process it started (backends, checkpointer, WAL writer…).</summary>
    public IReadOnlyList<int> ServerProcesses()
    {
        var postmaster = PostmasterPid;
        var children = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n!.All(char.IsAsciiDigit))
            .Select(n => int.Parse(n!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == postmaster);
        return [postmaster, .. children];
    }

    public string ReadLog() => File.Exists(log) ? File.ReadAllText(log) : "";

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var pid in ServerProcesses())
            {
                _ = Infrastructure.Signals.Send(pid, Infrastructure.Signals.SigCont);
            }

            await CrashAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            // Already stopped.
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private Task AsPostgresAsync(string program, params string[] arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, program), .. arguments])
            : RunAsync(Path.Combine(bin, program), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
