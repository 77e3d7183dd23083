using System.Data.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SocialWatch.Storage.Postgres;

/// <summary>Connections to the PostgreSQL database of <c>Storage:ConnectionString</c>, from one pooled data source.</summary>
public sealed class PostgresConnectionFactory : DbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;

    public PostgresConnectionFactory(IOptions<StorageOptions> options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        MaskedConnectionString = StorageOptions.MaskPassword(options.Value.ConnectionString);
        dataSource = NpgsqlDataSource.Create(builder);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Location { get; }

    /// <summary>The configured connection string with its password replaced, for messages.</summary>
    public string MaskedConnectionString { get; }

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    public NpgsqlDataSource DataSource => dataSource;

    public async Task<NpgsqlConnection> OpenNpgsqlAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
