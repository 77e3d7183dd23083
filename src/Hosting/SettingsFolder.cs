using System.Reflection;

namespace SocialWatch.Hosting;

/// <summary>
/// The folder relative paths in the settings (the database folder, the mail pickup folder, the drop folder)
/// resolve against, so every host finds the same files whatever the current directory: the folder of the root
/// <c>appsettings.json</c> in a source checkout (recorded at build), else the folder of the binary, which is where a
/// published host's <c>appsettings.json</c> lives. Without this, the CLI run from <c>src/Cli</c> made a new empty
/// database there and a user it created could never sign in to the service.
/// </summary>
public static class SettingsFolder
{
    private const string MetadataKey = "SocialWatch.SettingsFolder";

    public static string Path { get; } = Locate();

    /// <summary>
    /// An absolute path stays as it is; a relative one is taken from <see cref="Path"/>; an empty one is left for the
    /// options' validators to name.
    /// </summary>
    public static string Resolve(string path) =>
        string.IsNullOrWhiteSpace(path) || System.IO.Path.IsPathRooted(path)
            ? path
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));

    private static string Locate()
    {
        var recorded = typeof(SettingsFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataKey)?.Value;
        return !string.IsNullOrEmpty(recorded) && File.Exists(System.IO.Path.Combine(recorded, "appsettings.json"))
            ? System.IO.Path.GetFullPath(recorded)
            : AppContext.BaseDirectory;
    }
}
