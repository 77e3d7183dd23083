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
        public string? RegionCode { get; set; }

        public Agency ToAgency() => new(Id, Code, Name, RegionCode);
    }

    private const string Columns = "id, code, name, region_code";

    public async Task<Agency> AddAsync(string code, string name, string? regionCode = null, CancellationToken ct = default)
    {
        var cleanCode = (code ?? "").Trim();
        var cleanName = (name ?? "").Trim();
        var cleanRegion = RegionCodes.Normalize(regionCode);
        if (cleanCode.Length == 0)
        {
            throw new DomainValidationException("an agency needs a code");
        }
        if (cleanName.Length == 0)
        {
            throw new DomainValidationException($"agency '{cleanCode}' needs a name");
        }
        const string Sql = $"""
            INSERT INTO agencies (code, name, region_code) VALUES (@Code, @Name, @RegionCode)
            ON CONFLICT DO NOTHING
            RETURNING {Columns};
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Code = cleanCode, Name = cleanName, RegionCode = cleanRegion }, cancellationToken: ct));
        return row?.ToAgency() ?? throw new DomainValidationException($"agency code '{cleanCode}' is already registered");
    }

    public async Task<Agency> SetRegionAsync(string code, string? regionCode, CancellationToken ct = default)
    {
        var cleanRegion = RegionCodes.Normalize(regionCode);
        const string Sql = $"""
            UPDATE agencies SET region_code = @RegionCode WHERE code = @Code
            RETURNING {Columns};
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Code = (code ?? "").Trim(), RegionCode = cleanRegion }, cancellationToken: ct));
        return row?.ToAgency() ?? throw new DomainValidationException($"no agency with code '{(code ?? "").Trim()}'");
    }

    public async Task<Agency?> FindByCodeAsync(string code, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM agencies WHERE code = @Code;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Code = (code ?? "").Trim() }, cancellationToken: ct));
        return row?.ToAgency();
    }

    public async Task<Agency?> GetAsync(long id, CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM agencies WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AgencyRow>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct));
        return row?.ToAgency();
    }

    public async Task<IReadOnlyList<Agency>> ListAsync(CancellationToken ct = default)
    {
        const string Sql = $"""
            SELECT {Columns} FROM agencies ORDER BY code;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AgencyRow>(new CommandDefinition(Sql, cancellationToken: ct));
        return rows.Select(r => r.ToAgency()).ToList();
    }
}
