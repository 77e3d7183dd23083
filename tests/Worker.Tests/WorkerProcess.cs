using System.Diagnostics;
using System.Text;

namespace SocialWatch.Worker.Tests;

/// <summary>
/// The real Worker, started as its own process from the test's output folder (where the root appsettings.json
/// is copied), bound to a free loopback port, with settings passed on the command line.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly Lock gate = new();

    private WorkerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static WorkerProcess Start(string workingDirectory, params string[] settings)
    {
        var workerDll = Path.Combine(AppContext.BaseDirectory, "SocialWatch.Worker.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(workerDll);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        // Relative folders resolve against the checkout's root, not the working directory: keep this process's files,
        // and the sample seeding, inside its own folder unless a test says otherwise (later settings win).
        start.ArgumentList.Add($"--Storage:DataDirectory={workingDirectory}");
        start.ArgumentList.Add($"--DropFolder:Path={Path.Combine(workingDirectory, "inbox")}");
        start.ArgumentList.Add($"--Mail:PickupDirectory={Path.Combine(workingDirectory, "mail")}");
        start.ArgumentList.Add("--Samples:Enabled=false");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        return new WorkerProcess(Process.Start(start)!);
    }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (gate)
            {
                return error.ToString();
            }
        }
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the worker did not log '{text}'; stdout:\n{Output}\nstderr:\n{Error}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The console's address, from the host's "Now listening on" line (the worker binds port 0).</summary>
    public async Task<Uri> WaitForAddressAsync(TimeSpan timeout)
    {
        await WaitForOutputAsync("Now listening on", timeout);
        var match = System.Text.RegularExpressions.Regex.Match(Output, @"Now listening on: (http://127\.0\.0\.1:\d+)");
        return new Uri(match.Groups[1].Value);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>The process id: with the host name it names this node in the leases it takes.</summary>
    public int Id => process.Id;

    /// <summary>Kills the process at once (SIGKILL), as a crash or the OOM killer would: no shutdown code runs.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Asks for a graceful shutdown, as systemd or a container runtime would.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            target.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }
}
