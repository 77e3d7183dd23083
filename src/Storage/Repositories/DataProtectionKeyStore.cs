using Dapper;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

public sealed class DataProtectionKeyStore(DbConnectionFactory connections) : IDataProtectionKeyStore
{
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default)
    {
        const string Sql = """
            SELECT xml FROM data_protection_keys ORDER BY id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(Sql, cancellationToken: ct))).ToList();
    }

    public async Task AddAsync(string name, string xml, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @At)
            ON CONFLICT (name) DO NOTHING;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Name = name, Xml = xml, At = DbValues.ToUnixMs(at) }, cancellationToken: ct));
    }
}
