using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

public sealed class StaffRepository(DbConnectionFactory connections) : IStaffRepository
{
    private sealed class StaffRow
    {
        public long Id { get; set; }
        public string Nip { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Position { get; set; }
        public long AgencyId { get; set; }

        public StaffMember ToStaffMember() => new(Id, DbCodes.ToNip(Nip), Name, Position, AgencyId);
    }

    public async Task<StaffMember> AddAsync(NewStaffMember staff, CancellationToken ct = default)
    {
        var name = (staff.Name ?? "").Trim();
        if (name.Length == 0)
        {
            throw new DomainValidationException($"staff member {staff.Nip} needs a name");
        }
        var position = string.IsNullOrWhiteSpace(staff.Position) ? null : staff.Position.Trim();
        const string FindAgency = """
            SELECT id FROM agencies WHERE code = @Code;
            """;
        const string Insert = """
            INSERT INTO staff (nip, name, position, agency_id) VALUES (@Nip, @Name, @Position, @AgencyId)
            ON CONFLICT DO NOTHING
            RETURNING id, nip, name, position, agency_id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var agencyId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(FindAgency, new { Code = (staff.AgencyCode ?? "").Trim() }, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"unknown agency '{staff.AgencyCode}'");
        var row = await connection.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(Insert,
            new { Nip = staff.Nip.Value, Name = name, Position = position, AgencyId = agencyId }, transaction, cancellationToken: ct))
            ?? throw new DomainValidationException($"a staff member with NIP {staff.Nip} is already registered");
        await transaction.CommitAsync(ct);
        return row.ToStaffMember();
    }

    public async Task<StaffMember?> FindByNipAsync(Nip nip, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, nip, name, position, agency_id FROM staff WHERE nip = @Nip;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(Sql, new { Nip = nip.Value }, cancellationToken: ct));
        return row?.ToStaffMember();
    }

    public async Task<StaffMember?> GetAsync(long id, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, nip, name, position, agency_id FROM staff WHERE id = @Id;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct));
        return row?.ToStaffMember();
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(long? agencyId = null, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, nip, name, position, agency_id FROM staff
            WHERE @AgencyId IS NULL OR agency_id = @AgencyId
            ORDER BY name, nip;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<StaffRow>(new CommandDefinition(Sql, new { AgencyId = agencyId }, cancellationToken: ct));
        return rows.Select(r => r.ToStaffMember()).ToList();
    }
}
