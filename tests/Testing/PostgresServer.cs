using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SocialWatch.Testing;

/// <summary>
/// A real PostgreSQL server from Debian's postgresql package, started once per test process in a temp folder on a free
/// 127.0.0.1 port (initdb refuses to run as root, so as root it runs as the postgres user) and stopped when the process
/// exits. Each <see cref="TempDatabase"/> on PostgreSQL gets a schema of its own on it. Durability is switched off
/// (fsync, synchronous_commit): a test server holds nothing worth keeping.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(() => new PostgresServer(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "socialwatch-tests");

    private readonly string folder;
    private readonly string binDirectory;

    private readonly bool asRoot = Environment.UserName == "root";
    private readonly string options;

    private PostgresServer(bool durable)
    {
        binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(NotInstalled);
        ReapAbandonedServers();
        folder = Path.Combine(Root, "pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asRoot)
        {
            Run("chown", "postgres", folder);
        }
        Port = FreePort();
        RunTool("initdb", "-D", DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var durability = durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        options = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300{durability}";
        Resume();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        CreateTestDatabase();
    }

    private const string NotInstalled =
        "PostgreSQL is not installed: scripts/install-test-deps.sh installs Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/*/bin)";

    /// <summary>The running server; starts it on first use.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed or did not start.</exception>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>
    /// A server of its own with PostgreSQL's default durability (fsync and synchronous commit on), for benchmarks and
    /// outage tests; stop it with <see cref="Stop"/> (it also stops when the process exits).
    /// </summary>
    public static PostgresServer StartDedicated()
    {
        DatabaseEngines.SkipUnlessAvailable(DatabaseEngine.Postgres);
        return new(durable: true);
    }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can. Does not start the server.</summary>
    public static string? UnavailableReason => FindBinDirectory() is null ? NotInstalled : null;

    public int Port { get; }

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>
    /// A connection string to the test database with its search path on one schema. Each test gets a schema rather
    /// than a database: CREATE DATABASE takes a second (a checkpoint), CREATE SCHEMA a millisecond.
    /// </summary>
    public string ConnectionString(string schema) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = TestDatabase,
        SearchPath = schema,
    }.ConnectionString;

    /// <summary>Creates an empty schema and returns its name.</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var name = "sw_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE SCHEMA {name}");
        return name;
    }

    /// <summary>Drops a schema and everything in it.</summary>
    public Task DropSchemaAsync(string name) => ExecuteAsync($"DROP SCHEMA IF EXISTS {name} CASCADE");

    private const string TestDatabase = "socialwatch_tests";

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("public"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private void CreateTestDatabase()
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {TestDatabase}", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// CPU time the server has used so far: the postmaster, its live processes (backends, WAL writer, checkpointer…)
    /// and those that have exited (counted in the postmaster's children times). For benchmarks on a shared machine,
    /// where CPU time per post is comparable and elapsed time is not. Linux only (reads /proc).
    /// </summary>
    public TimeSpan CpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // After the command name in parentheses: state, ppid, … utime (14th field), stime, cutime, cstime.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid != postmaster && parent != postmaster)
            {
                continue;
            }
            var own = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            var children = long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
            ticks += pid == postmaster ? own + children : own;
        }
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>The kernel's USER_HZ, the unit of /proc/*/stat times: 100 on every Linux architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>Stops the server as a crash would, keeping its data: for outage tests (<see cref="Resume"/> starts it again).</summary>
    public void Halt() => RunTool("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");

    /// <summary>Starts a halted server again on the same port.</summary>
    public void Resume() => RunTool("pg_ctl", "-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start");

    public void Stop()
    {
        if (!Directory.Exists(folder))
        {
            return;
        }
        try
        {
            RunTool("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already gone; the folder goes all the same.
        }
        TryDelete(folder);
    }

    /// <summary>Stops servers left by test processes that were killed before they could stop theirs.</summary>
    private void ReapAbandonedServers()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(Root, "pg-*"))
        {
            var ownerFile = Path.Combine(dir, "owner.pid");
            if (File.Exists(ownerFile) && int.TryParse(File.ReadAllText(ownerFile), out var owner) && IsAlive(owner))
            {
                continue;
            }
            if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
            {
                try
                {
                    RunTool("pg_ctl", "-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "stop");
                }
                catch (InvalidOperationException)
                {
                    // Not running any more.
                }
            }
            TryDelete(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void RunTool(string tool, params string[] arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
