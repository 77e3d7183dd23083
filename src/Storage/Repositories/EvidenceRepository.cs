using System.Security.Cryptography;
using Dapper;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Storage.Repositories;

/// <summary>The media and parent posts kept with flags (migration 0020). Lists never read the media bytes; only <see cref="GetMediaAsync"/> does.</summary>
public sealed class EvidenceRepository(DbConnectionFactory connections) : IEvidenceRepository
{
    private sealed class PendingRow
    {
        public long FlagId { get; set; }
        public long AccountId { get; set; }
        public string Platform { get; set; } = "";
        public string MediaUrls { get; set; } = "[]";
        public string? ReplyToPostId { get; set; }
        public string? Text { get; set; }
    }

    private sealed class MediaRow
    {
        public long Id { get; set; }
        public long FlagId { get; set; }
        public long Position { get; set; }
        public string SourceUrl { get; set; } = "";
        public string? ContentType { get; set; }
        public long? ByteCount { get; set; }
        public string? Sha256 { get; set; }
        public string? SkippedReason { get; set; }
        public long FetchedAt { get; set; }

        public EvidenceMedia ToMedia() => new(Id, FlagId, checked((int)Position), SourceUrl, ContentType, ByteCount, Sha256, SkippedReason, DbValues.FromUnixMs(FetchedAt));
    }

    private sealed class ParentRow
    {
        public long FlagId { get; set; }
        public string Platform { get; set; } = "";
        public string PlatformPostId { get; set; } = "";
        public string? AccountHandle { get; set; }
        public long? CreatedAt { get; set; }
        public string? Text { get; set; }
        public string? Url { get; set; }
        public string? RawPayload { get; set; }
        public string? RawSha256 { get; set; }
        public string Source { get; set; } = "";
        public string? SkippedReason { get; set; }
        public long FetchedAt { get; set; }

        public EvidenceParent ToParent() => new(FlagId, DbCodes.ToPlatform(Platform), PlatformPostId, AccountHandle, DbValues.FromUnixMs(CreatedAt), Text, Url,
            RawPayload, RawSha256, Source, SkippedReason, DbValues.FromUnixMs(FetchedAt));
    }

    private sealed class ContentRow
    {
        public long Id { get; set; }
        public long FlagId { get; set; }
        public long AgencyId { get; set; }
        public string ContentType { get; set; } = "";
        public byte[] Content { get; set; } = [];
        public string Sha256 { get; set; } = "";
    }

    public async Task<IReadOnlyList<PendingEvidence>> ListPendingAsync(int limit, CancellationToken ct = default)
    {
        // The flagged version's media and reply: what the reviewer judged, not a later edit.
        const string Sql = """
            SELECT f.id AS flag_id, p.account_id, p.platform, v.media_urls, v.reply_to_post_id, coalesce(nullif(v.text, ''), v.shared_text) AS text
            FROM flags f
            JOIN classifications c ON c.id = f.classification_id
            JOIN posts p ON p.id = f.post_id
            JOIN post_versions v ON v.post_id = p.id AND v.version = c.post_version
            WHERE f.evidence_collected_at IS NULL
            ORDER BY f.id
            LIMIT @Take;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<PendingRow>(new CommandDefinition(Sql, new { Take = Math.Clamp(limit, 1, 10_000) }, cancellationToken: ct));
        return [.. rows.Select(r => new PendingEvidence(r.FlagId, r.AccountId, DbCodes.ToPlatform(r.Platform), DbValues.FromJsonList(r.MediaUrls), r.ReplyToPostId, r.Text))];
    }

    public async Task RecordAsync(long flagId, IReadOnlyList<CollectedMedia> media, CollectedParent? parent, DateTimeOffset at, CancellationToken ct = default)
    {
        const string Claim = """
            UPDATE flags SET evidence_collected_at = @At WHERE id = @FlagId AND evidence_collected_at IS NULL;
            """;
        const string InsertMedia = """
            INSERT INTO evidence_media (flag_id, position, source_url, content_type, byte_count, sha256, content, skipped_reason, fetched_at)
            VALUES (@FlagId, @Position, @SourceUrl, @ContentType, @ByteCount, @Sha256, @Content, @SkippedReason, @At);
            """;
        const string InsertParent = """
            INSERT INTO evidence_parents (flag_id, platform, platform_post_id, account_handle, created_at, text, url, raw_payload, raw_sha256, source, skipped_reason, fetched_at)
            VALUES (@FlagId, @Platform, @PlatformPostId, @AccountHandle, @CreatedAt, @Text, @Url, @RawPayload, @RawSha256, @Source, @SkippedReason, @At);
            """;
        var atMs = DbValues.ToUnixMs(at);
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Whoever marks the flag first records its evidence; a second collector (another node) writes nothing.
        if (await connection.ExecuteAsync(new CommandDefinition(Claim, new { FlagId = flagId, At = atMs }, transaction, cancellationToken: ct)) == 0)
        {
            return;
        }
        for (var i = 0; i < media.Count; i++)
        {
            var item = media[i];
            var kept = item.SkippedReason is null && item.Content is not null;
            await connection.ExecuteAsync(new CommandDefinition(InsertMedia, new
            {
                FlagId = flagId,
                Position = i,
                item.SourceUrl,
                ContentType = kept ? item.ContentType : null,
                ByteCount = kept ? item.Content!.LongLength : (long?)null,
                Sha256 = kept ? Convert.ToHexStringLower(SHA256.HashData(item.Content!)) : null,
                Content = kept ? item.Content : null,
                SkippedReason = kept ? null : item.SkippedReason ?? "no content",
                At = atMs,
            }, transaction, cancellationToken: ct));
        }
        if (parent is not null)
        {
            var kept = parent.SkippedReason is null && parent.RawPayload is not null;
            await connection.ExecuteAsync(new CommandDefinition(InsertParent, new
            {
                FlagId = flagId,
                Platform = parent.Platform.ToCode(),
                parent.PlatformPostId,
                parent.AccountHandle,
                CreatedAt = DbValues.ToUnixMs(parent.CreatedAt),
                parent.Text,
                parent.Url,
                RawPayload = kept ? parent.RawPayload : null,
                RawSha256 = kept ? PostRepository.Sha256Hex(parent.RawPayload!) : null,
                parent.Source,
                SkippedReason = kept ? null : parent.SkippedReason ?? "no payload",
                At = atMs,
            }, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<FlagEvidence> GetAsync(long flagId, CancellationToken ct = default)
    {
        const string Collected = "SELECT evidence_collected_at FROM flags WHERE id = @FlagId;";
        const string Media = """
            SELECT id, flag_id, position, source_url, content_type, byte_count, sha256, skipped_reason, fetched_at
            FROM evidence_media WHERE flag_id = @FlagId ORDER BY position;
            """;
        const string Parent = """
            SELECT flag_id, platform, platform_post_id, account_handle, created_at, text, url, raw_payload, raw_sha256, source, skipped_reason, fetched_at
            FROM evidence_parents WHERE flag_id = @FlagId;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var parameters = new { FlagId = flagId };
        var collectedAt = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Collected, parameters, cancellationToken: ct));
        if (collectedAt is null)
        {
            return FlagEvidence.None;
        }
        var media = await connection.QueryAsync<MediaRow>(new CommandDefinition(Media, parameters, cancellationToken: ct));
        var parent = await connection.QuerySingleOrDefaultAsync<ParentRow>(new CommandDefinition(Parent, parameters, cancellationToken: ct));
        return new FlagEvidence([.. media.Select(m => m.ToMedia())], parent?.ToParent(), DbValues.FromUnixMs(collectedAt));
    }

    public async Task<EvidenceMediaContent?> GetMediaAsync(long mediaId, CancellationToken ct = default)
    {
        const string Sql = """
            SELECT m.id, m.flag_id, f.agency_id, m.content_type, m.content, m.sha256
            FROM evidence_media m JOIN flags f ON f.id = m.flag_id
            WHERE m.id = @MediaId AND m.content IS NOT NULL;
            """;
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ContentRow>(new CommandDefinition(Sql, new { MediaId = mediaId }, cancellationToken: ct));
        return row is null ? null : new EvidenceMediaContent(row.Id, row.FlagId, row.AgencyId, row.ContentType, row.Content, row.Sha256);
    }
}
