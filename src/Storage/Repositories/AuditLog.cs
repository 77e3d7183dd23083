using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>The audit log: inserts and reads only. Triggers in the schema refuse UPDATE and DELETE as well.</summary>
public sealed class AuditLog(DbConnectionFactory connections) : IAuditLog
{
    /// <summary>Rows per multi-row INSERT in <see cref="AppendManyAsync"/>: 1,000 parameters, far below either engine's limit.</summary>
    private const int RowsPerStatement = 500;

    private sealed class EntryRow
    {
        public long Id { get; set; }
        public long At { get; set; }
        public string Actor { get; set; } = "";
        public string Action { get; set; } = "";
        public string? Subject { get; set; }
        public string? Details { get; set; }

        public AuditEntry ToEntry() => new(Id, DbValues.FromUnixMs(At), Actor, Action, Subject, Details);
    }

    public async Task AppendAsync(string actor, string action, string? subject, string? details, DateTimeOffset at, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(action))
        {
            throw new DomainValidationException("an audit entry needs an actor and an action");
        }
        const string Sql = """
            INSERT INTO audit_log (at, actor, action, subject, details) VALUES (@At, @Actor, @Action, @Subject, @Details);
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { At = DbValues.ToUnixMs(at), Actor = actor, Action = action, Subject = subject, Details = details }, cancellationToken: ct));
    }

    public async Task AppendManyAsync(string actor, string action, IReadOnlyList<(string Subject, string? Details)> entries, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (string.IsNullOrWhiteSpace(actor) || string.IsNullOrWhiteSpace(action))
        {
            throw new DomainValidationException("an audit entry needs an actor and an action");
        }
        if (entries.Count == 0)
        {
            return;
        }
        // Multi-row INSERTs of up to RowsPerStatement rows: one round trip per chunk rather than per entry, which is
        // what a bulk action of 500 flags spends its time on over a network connection (docs/bench/console.md).
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var chunk in entries.Chunk(RowsPerStatement))
        {
            var parameters = new DynamicParameters(new { At = DbValues.ToUnixMs(at), Actor = actor, Action = action });
            var rows = new List<string>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                rows.Add($"(@At, @Actor, @Action, @Subject{i}, @Details{i})");
                parameters.Add("Subject" + i, chunk[i].Subject);
                parameters.Add("Details" + i, chunk[i].Details);
            }
            var sql = "INSERT INTO audit_log (at, actor, action, subject, details) VALUES " + string.Join(", ", rows) + ";";
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(DateTimeOffset? from, DateTimeOffset? to, string? actor, string? action, int skip, int take, string? hiddenAction = null, CancellationToken ct = default)
    {
        // Newest first; [from, to) on the entry time.
        const string Sql = """
            SELECT id, at, actor, action, subject, details FROM audit_log
            WHERE (@From IS NULL OR at >= @From) AND (@To IS NULL OR at < @To)
              AND (@Actor IS NULL OR actor = @Actor) AND (@Action IS NULL OR action = @Action)
              AND (@Hidden IS NULL OR action <> @Hidden)
            ORDER BY at DESC, id DESC
            LIMIT @Take OFFSET @Skip;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(Sql, new
        {
            From = DbValues.ToUnixMs(from),
            To = DbValues.ToUnixMs(to),
            Actor = actor,
            Action = action,
            Hidden = hiddenAction,
            Skip = Math.Max(0, skip),
            Take = Math.Clamp(take, 0, 10_000),
        }, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }
}
