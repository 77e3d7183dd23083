using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialWatch.Core.Domain;
using SocialWatch.Hosting;

namespace SocialWatch.Cli;

/// <summary>
/// The `socialwatch` command tree. Each feature area contributes one top-level command from its own file;
/// this class only composes them and turns user mistakes into a one-line error and a non-zero exit code.
/// </summary>
public static class CliApplication
{
    public const int UserError = 1;
    public const int Failure = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configurationOverride = null)
    {
        var context = new CliContext(() => BuildServices(configurationOverride), output, error);
        var root = new RootCommand("SocialWatch: watch registered civil-servant accounts for possible breaches of political neutrality.");
        foreach (var command in Commands(context))
        {
            root.Subcommands.Add(command);
        }
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print which database the command uses", Recursive = true };
        root.Options.Add(verbose);

        // Handles start with '@' ("@budi"): they are values here, not response files to expand.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        try
        {
            if (parseResult.Errors.Count == 0 && parseResult.GetValue(verbose))
            {
                await error.WriteLineAsync($"database: {context.Get<SocialWatch.Storage.DbConnectionFactory>().Location}");
            }
            // The default handler would print user mistakes with their stack trace; the catches below own them.
            return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (DomainValidationException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return UserError;
        }
        catch (CliUserException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return UserError;
        }
        catch (ClassifierStartupException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failure;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await error.WriteLineAsync($"configuration error: {ex.Message}");
            return Failure;
        }
    }

    private static IEnumerable<Command> Commands(CliContext context)
    {
        yield return DbCommands.Create(context);
        yield return AgencyCommands.Create(context);
        yield return StaffCommands.Create(context);
        yield return AccountCommands.Create(context);
        yield return UsersCommands.Create(context);
        yield return ModelCommands.Create(context);
        yield return ContestCommands.Create(context);
        yield return ClassifyCommand.Create(context);
        yield return Ingestion.IngestCommands.Create(context);
        yield return Ingestion.FlagsCommands.Create(context);
        yield return Ingestion.PostsCommands.Create(context);
        yield return DigestCommands.Create(context);
    }

    private static ServiceProvider BuildServices(IConfiguration? configurationOverride)
    {
        var configuration = configurationOverride ?? new ConfigurationBuilder()
            .AddSocialWatchSources(SocialWatchConfiguration.EnvironmentName)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSocialWatch(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

/// <summary>The classifier's model or lexicon cannot be loaded; shown as one line naming the file, exit code 2.</summary>
public sealed class ClassifierStartupException : Exception
{
    public ClassifierStartupException(string message) : base(message) { }
    public ClassifierStartupException(string message, Exception innerException) : base(message, innerException) { }
    public ClassifierStartupException() { }
}

/// <summary>A mistake the user can fix (missing file, bad argument); shown as one line, never as a stack trace.</summary>
public sealed class CliUserException : Exception
{
    public CliUserException(string message) : base(message) { }
    public CliUserException(string message, Exception innerException) : base(message, innerException) { }
    public CliUserException() { }
}
