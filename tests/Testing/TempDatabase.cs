using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SocialWatch.Hosting;
using SocialWatch.Storage;

namespace SocialWatch.Testing;

/// <summary>
/// A real database, with the product's services composed over it the way the hosts compose them: by default a SQLite
/// file in a temp folder, or a schema of its own on the test process's <see cref="PostgresServer"/>.
/// <see cref="CreateAsync"/> returns it migrated; use <see cref="Get{T}"/> for repositories.
/// </summary>
public sealed class TempDatabase : IAsyncDisposable, IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ServiceProvider services;
    private readonly string? postgresSchema;

    private TempDatabase(TimeProvider? time, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure, string? postgresSchema)
    {
        this.postgresSchema = postgresSchema;
        var engineSettings = ConfigurationFor(directory.Path);
        if (postgresSchema is not null)
        {
            engineSettings["Storage:Provider"] = "postgres";
            engineSettings["Storage:ConnectionString"] = PostgresServer.Instance.ConnectionString(postgresSchema);
        }
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(engineSettings)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }
        collection.AddSingleton<IConfiguration>(Configuration);
        collection.AddSocialWatch(Configuration);
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>
    /// The settings that point the product at a data directory (pass them to a host or the CLI). The sample registry
    /// and the drop folder are switched off: a test seeds exactly the data it asserts on.
    /// </summary>
    public static Dictionary<string, string?> ConfigurationFor(string dataDirectory) => new()
    {
        ["Storage:Provider"] = "sqlite",
        ["Storage:DataDirectory"] = dataDirectory,
        ["Samples:Enabled"] = "false",
        ["DropFolder:Enabled"] = "false",
        // Relative folders resolve against the checkout's root: a test keeps its files in its own folder.
        ["DropFolder:Path"] = Path.Combine(dataDirectory, "inbox"),
        ["Mail:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
    };

    /// <summary>Creates the database and applies every migration. <paramref name="configure"/> may replace services after the product's composition.</summary>
    public static Task<TempDatabase> CreateAsync(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        CreateAsync(DatabaseEngine.Sqlite, time, settings, configure);

    /// <summary>Creates the database on the given engine and applies every migration.</summary>
    public static async Task<TempDatabase> CreateAsync(DatabaseEngine engine, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var database = await CreateEmptyAsync(engine, time, settings, configure);
        await database.Get<IDatabaseMigrator>().MigrateAsync();
        return database;
    }

    /// <summary>A database folder with no database file yet: for migration tests.</summary>
    public static TempDatabase CreateEmpty(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(time, settings, configure, null);

    /// <summary>An empty database (no schema) on the given engine: for migration tests.</summary>
    public static async Task<TempDatabase> CreateEmptyAsync(DatabaseEngine engine, TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        DatabaseEngines.SkipUnlessAvailable(engine);
        var name = engine == DatabaseEngine.Postgres ? await PostgresServer.Instance.CreateSchemaAsync() : null;
        return new(time, settings, configure, name);
    }

    public DatabaseEngine Engine => postgresSchema is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;

    /// <summary>Composition that swaps in a <see cref="PoisonClassifier"/> around the real one (get it with <c>Get&lt;PoisonClassifier&gt;()</c>).</summary>
    public static void WithPoisonClassifier(IServiceCollection services)
    {
        services.AddSingleton(sp => new PoisonClassifier(sp.GetRequiredService<SocialWatch.Classifier.PostClassifier>()));
        services.Replace(ServiceDescriptor.Singleton<SocialWatch.Core.Ports.IPostClassifier>(sp => sp.GetRequiredService<PoisonClassifier>()));
    }

    public IConfiguration Configuration { get; }

    public string DataDirectory => directory.Path;

    public IServiceProvider Services => services;

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        directory.Dispose();
        if (postgresSchema is not null)
        {
            await PostgresServer.Instance.DropSchemaAsync(postgresSchema);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
