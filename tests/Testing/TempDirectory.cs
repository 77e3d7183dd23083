using Microsoft.Data.Sqlite;

namespace SocialWatch.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (best effort) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "socialwatch-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled SQLite connections keep the database file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process the test started; the OS temp cleaner takes it later.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
