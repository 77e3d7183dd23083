using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

public sealed class AgencyRepository(DbConnectionFactory connections) : IAgencyRepository
{
    private sealed class AgencyRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";

        public Agency ToAgency() => new(Id, Code, Name);
    }

    public async Task<Agency> AddAsync(string code, string name, CancellationToken ct = default)
    {
        var cleanCode = (code ?? "").Trim();
        var cleanName = (name ?? "").Trim();
        if (cleanCode.Length == 0)
        {
            throw new DomainValidationException("an agency needs a code");
        }
        if (cleanName.Length == 0)
        {
            throw new DomainValidationException($"agency '{cleanCode}' needs a name");
        }
        const string Sql = """
            INSERT INTO agencies (code, name) VALUES (@Code, @Name)
            ON CONFLICT DO NOTHING
            RETURNING id, code, name;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Code = cleanCode, Name = cleanName }, cancellationToken: ct));
        return row?.ToAgency() ?? throw new DomainValidationException($"agency code '{cleanCode}' is already registered");
    }

    public async Task<Agency?> FindByCodeAsync(string code, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, code, name FROM agencies WHERE code = @Code;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Code = (code ?? "").Trim() }, cancellationToken: ct));
        return row?.ToAgency();
    }

    public async Task<Agency?> GetAsync(long id, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, code, name FROM agencies WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct));
        return row?.ToAgency();
    }

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, code, name FROM agencies ORDER BY code;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AgencyRow>(new CommandDefinition(Sql, cancellationToken: ct));
        return rows.Select(r => r.ToAgency()).ToList();
    }
}
