using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using SocialWatch.Hosting;
using SocialWatch.Storage;
using SocialWatch.Testing;

/// <summary>
/// The write path's shape on PostgreSQL, measured apart from the classifier: 100,000 new posts with one version each,
/// 500 per transaction, the post rows needing ON CONFLICT (two nodes may store the same post) and returning their ids
/// for the versions. Three ways to send a batch: multi-row INSERT … SELECT FROM unnest(arrays); binary COPY into a
/// temporary staging table, then INSERT … SELECT … ON CONFLICT; batched single-row commands (NpgsqlBatch, one round
/// trip). PostgresIngestionStore uses the fastest.
/// </summary>
internal static class PostgresWriteStrategies
{
    private const int Posts = 100_000, BatchSize = 500;

    public static async Task RunAsync(PostgresServer server, int runs)
    {
        var strategies = new (string Name, Func<NpgsqlConnection, NpgsqlTransaction, long, int, Task> Write)[]
        {
            ("multi-row INSERT … SELECT FROM unnest(…) (posts and versions)", WriteUnnestAsync),
            ("multi-row INSERT … SELECT FROM unnest(…) (posts); binary COPY (versions)", WriteUnnestThenCopyAsync),
            ("binary COPY into a staging table, INSERT … SELECT … ON CONFLICT (posts); binary COPY (versions)", WriteCopyAsync),
            ("batched single-row commands, one NpgsqlBatch per table", WriteBatchedCommandsAsync),
        };
        var rates = strategies.ToDictionary(s => s.Name, _ => new List<Measurement>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, write) in strategies)
            {
                rates[name].Add(await MeasureAsync(server, write));
            }
        }
        Console.WriteLine($"PostgreSQL write strategies: {Posts:N0} new posts with a version each, {BatchSize} per transaction, no classifier:");
        Console.WriteLine();
        Console.WriteLine("| strategy | runs | median posts/s | runs (posts/s) | median CPU µs per post: bench process + PostgreSQL server |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        foreach (var (name, _) in strategies)
        {
            static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
            var (clientCpu, serverCpu) = (Median(rates[name].Select(m => m.ClientCpuMicroseconds)), Median(rates[name].Select(m => m.ServerCpuMicroseconds)));
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {rates[name].Count} | {Median(rates[name].Select(m => m.PostsPerSecond)):N0} | {string.Join(", ", rates[name].Select(r => r.PostsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} | {clientCpu + serverCpu:N0} ({clientCpu:N0} + {serverCpu:N0}) |"));
        }
        Console.WriteLine();
    }

    private static async Task<Measurement> MeasureAsync(PostgresServer server, Func<NpgsqlConnection, NpgsqlTransaction, long, int, Task> write)
    {
        var schema = await server.CreateSchemaAsync();
        try
        {
            var connectionString = server.ConnectionString(schema);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "postgres",
                ["Storage:ConnectionString"] = connectionString,
            }).Build();
            await using (var services = new ServiceCollection().AddLogging().AddSocialWatch(configuration).BuildServiceProvider())
            {
                await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync();
            }
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            long accountId;
            await using (var seed = new NpgsqlCommand("""
                INSERT INTO agencies (code, name) VALUES ('B', 'B');
                INSERT INTO staff (nip, name, agency_id) VALUES ('198504122010031001', 'S', 1);
                INSERT INTO accounts (platform, handle, staff_id) VALUES ('mastodon', 'a', 1) RETURNING id;
                """, connection))
            {
                accountId = (long)(await seed.ExecuteScalarAsync())!;
            }
            var (clientCpu, serverCpu) = (Process.GetCurrentProcess().TotalProcessorTime, server.CpuTime());
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < Posts; start += BatchSize)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await write(connection, transaction, accountId, start);
                await transaction.CommitAsync();
            }
            return new Measurement(Posts / clock.Elapsed.TotalSeconds,
                (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMicroseconds / Posts, (server.CpuTime() - serverCpu).TotalMicroseconds / Posts);
        }
        finally
        {
            await server.DropSchemaAsync(schema);
        }
    }

    private static string PostId(int i) => (5_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

    private static string Text(int i) => $"Kegiatan rapat koordinasi pelayanan publik hari ke-{i} berjalan lancar, terima kasih rekan-rekan.";

    private static string Payload(int i) => $$"""{"id":"{{PostId(i)}}","content":"{{Text(i)}}"}""";

    private static IEnumerable<int> Batch(int start) => Enumerable.Range(start, BatchSize);

    private static async Task<long[]> ReadIdsAsync(NpgsqlCommand command)
    {
        var ids = new List<long>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

    private static async Task WriteUnnestAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long accountId, int start)
    {
        var rows = Batch(start).ToArray();
        await using var posts = new NpgsqlCommand("""
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            SELECT $1, 'mastodon', u.id, 1, u.created_at, 0 FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS u(id, created_at, n)
            ORDER BY u.n
            ON CONFLICT (platform, platform_post_id) DO NOTHING
            RETURNING id;
            """, connection, transaction);
        posts.Parameters.Add(new NpgsqlParameter { Value = accountId });
        posts.Parameters.Add(new NpgsqlParameter { Value = rows.Select(PostId).ToArray() });
        posts.Parameters.Add(new NpgsqlParameter { Value = rows.Select(i => (long)i).ToArray() });
        var ids = await ReadIdsAsync(posts);
        await using var versions = new NpgsqlCommand("""
            INSERT INTO post_versions (post_id, version, fetched_at, text, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
            SELECT u.post_id, 1, 0, u.text, false, false, '[]', '[]', '[]', '[]', u.payload, u.sha
            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(post_id, text, payload, sha);
            """, connection, transaction);
        versions.Parameters.Add(new NpgsqlParameter { Value = ids });
        versions.Parameters.Add(new NpgsqlParameter { Value = rows.Select(Text).ToArray() });
        versions.Parameters.Add(new NpgsqlParameter { Value = rows.Select(Payload).ToArray() });
        versions.Parameters.Add(new NpgsqlParameter { Value = rows.Select(i => i.ToString("x64", CultureInfo.InvariantCulture)).ToArray() });
        await versions.ExecuteNonQueryAsync();
    }

    private static async Task WriteUnnestThenCopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long accountId, int start)
    {
        var rows = Batch(start).ToArray();
        await using var posts = new NpgsqlCommand("""
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            SELECT $1, 'mastodon', u.id, 1, u.created_at, 0 FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS u(id, created_at, n)
            ORDER BY u.n
            ON CONFLICT (platform, platform_post_id) DO NOTHING
            RETURNING id;
            """, connection, transaction);
        posts.Parameters.Add(new NpgsqlParameter { Value = accountId });
        posts.Parameters.Add(new NpgsqlParameter { Value = rows.Select(PostId).ToArray() });
        posts.Parameters.Add(new NpgsqlParameter { Value = rows.Select(i => (long)i).ToArray() });
        await CopyVersionsAsync(connection, rows, await ReadIdsAsync(posts));
    }

    private static async Task WriteCopyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long accountId, int start)
    {
        var rows = Batch(start).ToArray();
        await using (var stage = new NpgsqlCommand("CREATE TEMP TABLE IF NOT EXISTS staged_posts (platform_post_id text, created_at bigint, n bigint) ON COMMIT DELETE ROWS;", connection, transaction))
        {
            await stage.ExecuteNonQueryAsync();
        }
        await using (var importer = await connection.BeginBinaryImportAsync("COPY staged_posts (platform_post_id, created_at, n) FROM STDIN (FORMAT BINARY)"))
        {
            var n = 0L;
            foreach (var i in rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(PostId(i), NpgsqlDbType.Text);
                await importer.WriteAsync((long)i, NpgsqlDbType.Bigint);
                await importer.WriteAsync(n++, NpgsqlDbType.Bigint);
            }
            await importer.CompleteAsync();
        }
        await using var posts = new NpgsqlCommand("""
            INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
            SELECT $1, 'mastodon', s.platform_post_id, 1, s.created_at, 0 FROM staged_posts s ORDER BY s.n
            ON CONFLICT (platform, platform_post_id) DO NOTHING
            RETURNING id;
            """, connection, transaction);
        posts.Parameters.Add(new NpgsqlParameter { Value = accountId });
        await CopyVersionsAsync(connection, rows, await ReadIdsAsync(posts));
    }

    private static async Task CopyVersionsAsync(NpgsqlConnection connection, int[] rows, long[] ids)
    {
        await using var versions = await connection.BeginBinaryImportAsync(
            "COPY post_versions (post_id, version, fetched_at, text, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256) FROM STDIN (FORMAT BINARY)");
        for (var k = 0; k < rows.Length; k++)
        {
            var i = rows[k];
            await versions.StartRowAsync();
            await versions.WriteAsync(ids[k], NpgsqlDbType.Bigint);
            await versions.WriteAsync(1L, NpgsqlDbType.Bigint);
            await versions.WriteAsync(0L, NpgsqlDbType.Bigint);
            await versions.WriteAsync(Text(i), NpgsqlDbType.Text);
            await versions.WriteAsync(false, NpgsqlDbType.Boolean);
            await versions.WriteAsync(false, NpgsqlDbType.Boolean);
            foreach (var empty in new[] { "[]", "[]", "[]", "[]" })
            {
                await versions.WriteAsync(empty, NpgsqlDbType.Text);
            }
            await versions.WriteAsync(Payload(i), NpgsqlDbType.Text);
            await versions.WriteAsync(i.ToString("x64", CultureInfo.InvariantCulture), NpgsqlDbType.Text);
        }
        await versions.CompleteAsync();
    }

    private static async Task WriteBatchedCommandsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long accountId, int start)
    {
        var rows = Batch(start).ToArray();
        var ids = new List<long>(rows.Length);
        await using (var posts = new NpgsqlBatch(connection, transaction))
        {
            foreach (var i in rows)
            {
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO posts (account_id, platform, platform_post_id, current_version, created_at, fetched_at)
                    VALUES ($1, 'mastodon', $2, 1, $3, 0) ON CONFLICT (platform, platform_post_id) DO NOTHING RETURNING id
                    """);
                command.Parameters.Add(new NpgsqlParameter { Value = accountId });
                command.Parameters.Add(new NpgsqlParameter { Value = PostId(i) });
                command.Parameters.Add(new NpgsqlParameter { Value = (long)i });
                posts.BatchCommands.Add(command);
            }
            await using var reader = await posts.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
            while (await reader.NextResultAsync());
        }
        await using var versions = new NpgsqlBatch(connection, transaction);
        for (var k = 0; k < rows.Length; k++)
        {
            var i = rows[k];
            var command = new NpgsqlBatchCommand("""
                INSERT INTO post_versions (post_id, version, fetched_at, text, is_repost, is_quote, hashtags, mentions, media_descriptions, media_urls, raw_payload, raw_sha256)
                VALUES ($1, 1, 0, $2, false, false, '[]', '[]', '[]', '[]', $3, $4)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ids[k] });
            command.Parameters.Add(new NpgsqlParameter { Value = Text(i) });
            command.Parameters.Add(new NpgsqlParameter { Value = Payload(i) });
            command.Parameters.Add(new NpgsqlParameter { Value = i.ToString("x64", CultureInfo.InvariantCulture) });
            versions.BatchCommands.Add(command);
        }
        await versions.ExecuteNonQueryAsync();
    }
}
