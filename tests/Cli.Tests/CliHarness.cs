using SocialWatch.Testing;

namespace SocialWatch.Cli.Tests;

/// <summary>Runs the real command tree in-process against a temp data directory, capturing both streams.</summary>
public sealed class CliHarness : IAsyncDisposable
{
    public TempDatabase Database { get; } = TempDatabase.CreateEmpty();

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error, Database.Configuration);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs commands that must succeed, to set up a test.</summary>
    public async Task GivenAsync(params string[][] commands)
    {
        foreach (var command in commands)
        {
            var run = await RunAsync(command);
            Assert.True(run.ExitCode == 0, $"setup `{string.Join(' ', command)}` failed: {run.Error}");
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}

public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Asserts a user mistake: exit code 1 and exactly one line on stderr, no stack trace.</summary>
    public void AssertOneLineError(string expected)
    {
        Assert.Equal(1, ExitCode);
        Assert.Equal(expected, Error.TrimEnd('\r', '\n'));
        Assert.DoesNotContain("\n", Error.TrimEnd('\r', '\n'));
        Assert.DoesNotContain("   at ", Error);
    }
}
