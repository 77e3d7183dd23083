using System.IO.Compression;
using System.Text;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Jsonl;

namespace SocialWatch.Sources.Tests;

public sealed class JsonlPostReaderTests
{
    private const string Instagram = """{"schema":"posts.v1","platform":"instagram","platform_post_id":"17912345678901234","account":{"platform_account_id":"17841400000000001","handle":"puskesmas.sukasari","display_name":"Puskesmas Sukasari"},"created_at":"2026-08-21T10:00:00+07:00","text":"Ayo cek tekanan darah gratis setiap Kamis di puskesmas! #HidupSehat #Sukasari","language":"in","url":"https://www.instagram.com/p/AbC123/","is_repost":false,"reply_to":null,"hashtags":["HidupSehat","#Sukasari"],"mentions":[{"handle":"dinkes.kota"}],"media":[{"type":"image","url":"https://cdn.example/tensi.jpg","description":"Perawat mengukur tekanan darah warga lansia"}],"edited_at":null,"unknown_field":42,"source":{"tool":"meta-content-library","tool_version":"6.0","exported_at":"2026-08-24T02:00:00Z","collected_by":"Tim Pengawasan"}}""";

    private const string XRepost = """{"schema":"posts.v1","platform":"x","platform_post_id":"1827301122334455667","account":{"handle":"@AgusWibowoASN"},"created_at":"2026-08-23T21:20:05+07:00","text":"","text_format":"plain","is_repost":true,"repost_of":{"platform_post_id":"1827290000000000001","account_handle":"CalonBupati","text":"Coblos nomor satu, demi perubahan!"},"source":{"tool":"manual","exported_at":"2026-08-24T03:10:00Z"}}""";

    private const string Html = """{"schema":"posts.v1","platform":"facebook","platform_post_id":"pfbid02abc","account":{"handle":"kecamatan.sukasari"},"created_at":"2026-08-20T19:30:00+07:00","text":"<p>Rapat <b>evaluasi</b> bansos.</p><script>alert(1)</script>","text_format":"html","deleted_at":"2026-08-22T00:00:00Z","source":{"tool":"manual","exported_at":"2026-08-24T03:10:00Z"}}""";

    private static async Task<List<JsonlLine>> ReadAll(string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var lines = new List<JsonlLine>();
        await foreach (var line in JsonlPostReader.ReadAsync(stream))
        {
            lines.Add(line);
        }

        return lines;
    }

    [Fact]
    public async Task A_lone_surrogate_escape_rejects_its_line_with_a_reason_and_the_next_line_is_read()
    {
        var broken = Instagram.Replace("Ayo cek", "Ayo \\ud800 cek", StringComparison.Ordinal);

        var lines = await ReadAll($"{broken}\n{XRepost}\n");

        Assert.False(lines[0].IsValid);
        Assert.False(string.IsNullOrWhiteSpace(lines[0].Error));
        Assert.True(lines[1].IsValid, lines[1].Error);
    }

    [Fact]
    public async Task Valid_lines_become_posts_with_their_provenance()
    {
        var lines = await ReadAll($"{Instagram}\n{XRepost}\n{Html}\n");

        Assert.All(lines, l => Assert.True(l.IsValid, l.Error));
        var instagram = lines[0].Post!;
        Assert.Equal(Platform.Instagram, instagram.Post.Platform);
        Assert.Equal("17912345678901234", instagram.Post.PlatformPostId);
        Assert.Equal("instagram", instagram.SourcePlatform);
        Assert.Equal("puskesmas.sukasari", instagram.Post.AccountHandle);
        Assert.Equal("17841400000000001", instagram.Post.AccountPlatformId);
        Assert.Equal(new DateTimeOffset(2026, 8, 21, 3, 0, 0, TimeSpan.Zero), instagram.Post.CreatedAt);
        Assert.Equal(TimeSpan.Zero, instagram.Post.CreatedAt.Offset);
        Assert.Equal("id", instagram.Post.Language);
        Assert.Equal(["HidupSehat", "Sukasari"], instagram.Post.Hashtags);
        Assert.Equal(["dinkes.kota"], instagram.Post.Mentions);
        Assert.Equal(["Perawat mengukur tekanan darah warga lansia"], instagram.Post.MediaDescriptions);
        Assert.Equal(["https://cdn.example/tensi.jpg"], instagram.Post.MediaUrls);
        Assert.Equal(Instagram, instagram.Post.RawPayload);
        Assert.Equal(new JsonlProvenance("meta-content-library", "6.0", new DateTimeOffset(2026, 8, 24, 2, 0, 0, TimeSpan.Zero), "Tim Pengawasan"), instagram.Source);

        var repost = lines[1].Post!.Post;
        Assert.Equal(Platform.X, repost.Platform);
        Assert.Equal("1827301122334455667", repost.PlatformPostId);
        Assert.Equal("AgusWibowoASN", repost.AccountHandle);
        Assert.True(repost.IsRepost);
        Assert.Equal("Coblos nomor satu, demi perubahan!", repost.SharedText);

        var html = lines[2].Post!;
        Assert.Equal("Rapat evaluasi bansos.", html.Post.Text);
        Assert.Equal(new DateTimeOffset(2026, 8, 22, 0, 0, 0, TimeSpan.Zero), html.DeletedAt);
    }

    [Theory]
    [InlineData("{\"schema\":\"posts.v1\",", "not valid JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("""{"schema":"posts.v2","platform":"x"}""", "unsupported schema 'posts.v2'")]
    [InlineData("""{"schema":"posts.v1","platform":"friendster","platform_post_id":"1"}""", "unknown platform 'friendster'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","account":{"handle":"a"}}""", "missing required field 'platform_post_id'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{}}""", "account needs 'handle' or 'platform_account_id'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00","text":"","source":{"tool":"m","exported_at":"2026-08-24T02:00:00Z"}}""", "'created_at' is not an RFC 3339 date with an offset")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"kemarin","text":"","source":{"tool":"m","exported_at":"2026-08-24T02:00:00Z"}}""", "'created_at' is not an RFC 3339 date")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00Z","source":{"tool":"m","exported_at":"2026-08-24T02:00:00Z"}}""", "missing required string field 'text'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00Z","text":"hai","visibility":"followers","source":{"tool":"m","exported_at":"2026-08-24T02:00:00Z"}}""", "visibility 'followers' is not public")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00Z","text":"hai"}""", "missing required object 'source'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00Z","text":"hai","source":{"tool":"m"}}""", "missing required field 'source.exported_at'")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":7,"account":{"handle":"a"}}""", "field 'platform_post_id' must be a string, got Number")]
    [InlineData("""{"schema":"posts.v1","platform":"x","platform_post_id":"1","account":{"handle":"a"},"created_at":"2026-08-21T10:00:00Z","text":"hai","media":[{"type":"hologram"}],"source":{"tool":"m","exported_at":"2026-08-24T02:00:00Z"}}""", "media type 'hologram'")]
    public async Task A_bad_line_gives_its_number_and_reason_and_the_file_goes_on(string bad, string reason)
    {
        var lines = await ReadAll($"{Instagram}\n\n{bad}\n{XRepost}");

        Assert.Equal([1, 3, 4], lines.Select(l => l.LineNumber));
        Assert.True(lines[0].IsValid);
        Assert.True(lines[2].IsValid);
        var error = lines[1];
        Assert.False(error.IsValid);
        Assert.Equal(bad, error.RawLine);
        Assert.StartsWith("line 3: ", error.Error, StringComparison.Ordinal);
        Assert.Contains(reason, error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_gzip_compressed_files_and_a_leading_byte_order_mark()
    {
        var directory = Directory.CreateTempSubdirectory("jsonl-");
        try
        {
            var plain = Path.Combine(directory.FullName, "posts.jsonl");
            await File.WriteAllTextAsync(plain, $"{Instagram}\n{XRepost}\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var gzipped = Path.Combine(directory.FullName, "posts.jsonl.gz");
            await using (var output = File.Create(gzipped))
            await using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes($"{Instagram}\n{XRepost}\n{Html}"));
            }

            var fromPlain = new List<JsonlLine>();
            await foreach (var line in JsonlPostReader.ReadFileAsync(plain))
            {
                fromPlain.Add(line);
            }

            var fromGzip = new List<JsonlLine>();
            await foreach (var line in JsonlPostReader.ReadFileAsync(gzipped))
            {
                fromGzip.Add(line);
            }

            Assert.Equal(2, fromPlain.Count(l => l.IsValid));
            Assert.Equal(3, fromGzip.Count(l => l.IsValid));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
