using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>Emails waiting to be delivered. The unique key makes building a message twice harmless.</summary>
public sealed class Outbox(DbConnectionFactory connections) : IOutbox
{
    private sealed class MessageRow
    {
        public long Id { get; set; }
        public string Key { get; set; } = "";
        public string ToAddress { get; set; } = "";
        public string Subject { get; set; } = "";
        public string HtmlBody { get; set; } = "";
        public string TextBody { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? SentAt { get; set; }
        public long Attempts { get; set; }
        public long? NextAttemptAt { get; set; }
        public string? LastError { get; set; }

        public OutboxMessage ToMessage() => new(Id, Key, ToAddress, Subject, HtmlBody, TextBody, DbValues.FromUnixMs(CreatedAt),
            DbValues.FromUnixMs(SentAt), checked((int)Attempts), DbValues.FromUnixMs(NextAttemptAt), LastError);
    }

    public async Task<bool> EnqueueAsync(string key, string to, string subject, string htmlBody, string textBody, DateTimeOffset at,
        JobStateValue? alsoSet = null, CancellationToken ct = default)
    {
        const string Sql = """
            INSERT INTO outbox (key, to_address, subject, html_body, text_body, created_at, next_attempt_at)
            VALUES (@Key, @To, @Subject, @HtmlBody, @TextBody, @At, @At)
            ON CONFLICT (key) DO NOTHING;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Sql,
            new { Key = key, To = to, Subject = subject, HtmlBody = htmlBody, TextBody = textBody, At = DbValues.ToUnixMs(at) }, transaction, cancellationToken: ct));
        if (inserted > 0 && alsoSet is not null)
        {
            await JobStateStore.SetAsync(connection, transaction, alsoSet, at, ct);
        }
        await transaction.CommitAsync(ct);
        return inserted > 0;
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT EXISTS (SELECT 1 FROM outbox WHERE key = @Key);
            """;
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Sql, new { Key = key }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT id, key, to_address, subject, html_body, text_body, created_at, sent_at, attempts, next_attempt_at, last_error
            FROM outbox
            WHERE sent_at IS NULL AND next_attempt_at <= @Now
            ORDER BY next_attempt_at, id
            LIMIT @Limit;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(Sql, new { Now = DbValues.ToUnixMs(now), Limit = limit }, cancellationToken: ct));
        return rows.Select(r => r.ToMessage()).ToList();
    }

    public async Task MarkSentAsync(long id, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE outbox SET sent_at = @At, attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL
            WHERE id = @Id AND sent_at IS NULL;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, At = DbValues.ToUnixMs(at) }, cancellationToken: ct));
    }

    public async Task MarkFailedAsync(long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct = default)
    {
        const string Sql = """
            UPDATE outbox SET attempts = attempts + 1, last_error = @Error, next_attempt_at = @NextAttemptAt
            WHERE id = @Id AND sent_at IS NULL;
            """;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, Error = error, NextAttemptAt = DbValues.ToUnixMs(nextAttemptAt) }, cancellationToken: ct));
    }
}
