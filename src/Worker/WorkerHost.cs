using Microsoft.Extensions.Options;
using SocialWatch.Classifier.Model;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Storage;

namespace SocialWatch.Worker;

/// <summary>Runs the built host until shutdown (Ctrl+C or SIGTERM), turning start-up mistakes into one line and exit code 2.</summary>
internal static class WorkerHost
{
    public const int StartFailed = 2;

    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or DatabaseSchemaException or DatabaseUnavailableException or ModelFileException or InvalidDataException)
        {
            var reason = ex switch
            {
                OptionsValidationException => $"configuration error: {ex.Message}",
                ModelFileException or InvalidDataException => $"classifier error: {ex.Message}",
                _ => $"database error: {ex.Message}",
            };
            Log.StartFailed(app.Logger, ex, reason);
            await Console.Error.WriteLineAsync(reason);
            return StartFailed;
        }
        catch (ContestFileException ex)
        {
            // Already one line naming the file and the field.
            Log.StartFailed(app.Logger, ex, ex.Message);
            await Console.Error.WriteLineAsync(ex.Message);
            return StartFailed;
        }
    }
}
