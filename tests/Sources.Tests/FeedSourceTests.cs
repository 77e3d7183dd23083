using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Sources.Feeds;

namespace SocialWatch.Sources.Tests;

public sealed class FeedSourceTests
{
    private static string Rss(params string[] items) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Blog Kelurahan Sukasari</title>
            <link>https://sukasari.example/</link>
            <description>Kabar kegiatan kelurahan</description>
            <language>id-ID</language>
            {{string.Concat(items)}}
          </channel>
        </rss>
        """;

    private const string PosyanduItem = """
        <item>
          <title>Pemeriksaan Gigi Gratis di Balai Warga</title>
          <link>https://sukasari.example/2026/08/periksa-gigi/</link>
          <guid isPermaLink="false">https://sukasari.example/?p=2101</guid>
          <pubDate>Sun, 24 Aug 2026 08:00:00 +0700</pubDate>
          <dc:creator>Sri Handayani</dc:creator>
          <category>Kesehatan</category>
          <description><![CDATA[<p>Ringkasan singkat.</p>]]></description>
          <content:encoded><![CDATA[<p>Pemeriksaan gigi gratis untuk anak sekolah dasar, Sabtu pukul 09.00 WIB. #SenyumSehat</p><script>document.write('x')</script><img src="https://sukasari.example/gigi.jpg" alt="Dokter gigi memeriksa murid SD" />]]></content:encoded>
          <enclosure url="https://sukasari.example/gigi.jpg" length="1000" type="image/jpeg"/>
        </item>
        """;

    private const string KerjaBaktiItem = """
        <item>
          <title>Kerja Bakti Bersihkan Saluran</title>
          <link>https://sukasari.example/2026/08/kerja-bakti/</link>
          <guid>https://sukasari.example/?p=2102</guid>
          <pubDate>Mon, 25 Aug 2026 07:30:00 GMT</pubDate>
          <description>Warga RW 03 membersihkan saluran air menjelang musim hujan.</description>
        </item>
        """;

    private const string NoDateItem = """
        <item><title>Tanpa tanggal</title><guid>https://sukasari.example/?p=2000</guid><description>Isi.</description></item>
        """;

    private const string Youtube = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
          <id>yt:channel:sukasari0000000000000a</id>
          <yt:channelId>sukasari0000000000000a</yt:channelId>
          <title>Kelurahan Sukasari</title>
          <author><name>Kelurahan Sukasari</name><uri>https://www.youtube.com/channel/UCsukasari0000000000000a</uri></author>
          <entry>
            <id>yt:video:Ab12Cd34Ef5</id>
            <yt:videoId>Ab12Cd34Ef5</yt:videoId>
            <yt:channelId>UCsukasari0000000000000a</yt:channelId>
            <title>Cara Mengurus Surat Pindah Secara Daring</title>
            <link rel="alternate" href="https://www.youtube.com/watch?v=Ab12Cd34Ef5"/>
            <author><name>Kelurahan Sukasari</name><uri>https://www.youtube.com/channel/UCsukasari0000000000000a</uri></author>
            <published>2026-08-22T03:00:07+00:00</published>
            <updated>2026-08-23T10:12:44+00:00</updated>
            <media:group>
              <media:title>Cara Mengurus Surat Pindah Secara Daring</media:title>
              <media:thumbnail url="https://i.example/vi/Ab12Cd34Ef5/hqdefault.jpg" width="480" height="360"/>
              <media:description>Langkah demi langkah mengurus surat pindah lewat aplikasi. #Adminduk #LayananDaring</media:description>
              <media:community><media:statistics views="1234"/></media:community>
            </media:group>
          </entry>
        </feed>
        """;

    [Fact]
    public async Task Rss_items_are_mapped_then_conditional_get_and_seen_keys_stop_repeats()
    {
        var body = Rss(PosyanduItem);
        await using var server = await ReplayServer.StartAsync(context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"" && !body.Contains("p=2102", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 304;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = body.Contains("p=2102", StringComparison.Ordinal) ? "\"v2\"" : "\"v1\"";
            return Reply.Xml(context, body);
        });
        using var services = SourcesHarness.Build(server);
        var source = services.GetRequiredService<RssSource>();
        var feedUrl = new Uri(server.BaseUrl, "feed/").AbsoluteUri;

        var first = await source.FetchAsync(SourcesHarness.Account(Platform.Rss, feedUrl), CancellationToken.None);

        var post = Assert.Single(first.Posts);
        Assert.Equal(Platform.Rss, post.Platform);
        Assert.Equal("https://sukasari.example/?p=2101", post.PlatformPostId);
        Assert.Equal("Sri Handayani", post.AccountHandle);
        Assert.Equal(feedUrl, post.AccountPlatformId);
        Assert.Equal(new DateTimeOffset(2026, 8, 24, 1, 0, 0, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal("Pemeriksaan Gigi Gratis di Balai Warga\nPemeriksaan gigi gratis untuk anak sekolah dasar, Sabtu pukul 09.00 WIB. #SenyumSehat", post.Text);
        Assert.Equal("id-ID", post.Language);
        Assert.Equal("https://sukasari.example/2026/08/periksa-gigi/", post.Url);
        Assert.Equal(["Kesehatan", "SenyumSehat"], post.Hashtags);
        Assert.Equal(["Dokter gigi memeriksa murid SD"], post.MediaDescriptions);
        Assert.Equal(["https://sukasari.example/gigi.jpg"], post.MediaUrls);
        Assert.StartsWith("<item>", post.RawPayload, StringComparison.Ordinal);

        var unchanged = await source.FetchAsync(SourcesHarness.Account(Platform.Rss, feedUrl, cursor: first.NextCursor), CancellationToken.None);
        Assert.Empty(unchanged.Posts);
        Assert.Equal("\"v1\"", server.Requests[1].IfNoneMatch);
        Assert.Equal(first.NextCursor, unchanged.NextCursor);

        body = Rss(KerjaBaktiItem, PosyanduItem, NoDateItem);
        var changed = await source.FetchAsync(SourcesHarness.Account(Platform.Rss, feedUrl, cursor: first.NextCursor), CancellationToken.None);
        Assert.Equal("https://sukasari.example/?p=2102", Assert.Single(changed.Posts).PlatformPostId);
        Assert.Contains("pubDate", Assert.Single(changed.Quarantined).Reason, StringComparison.Ordinal);

        var again = await source.FetchAsync(SourcesHarness.Account(Platform.Rss, feedUrl, cursor: changed.NextCursor), CancellationToken.None);
        Assert.Empty(again.Posts);
        Assert.Empty(again.Quarantined); // a broken item is quarantined once, not on every poll
    }

    [Fact]
    public async Task A_guid_that_is_not_a_url_is_made_unique_with_the_feed_address()
    {
        const string item = "<item><title>Lomba Kebersihan</title><guid isPermaLink=\"false\">1482</guid><pubDate>Tue, 26 Aug 2026 09:00:00 WIB</pubDate></item>";
        await using var server = await ReplayServer.StartAsync(context => Reply.Xml(context, Rss(item)));
        using var services = SourcesHarness.Build(server);
        var feedUrl = new Uri(server.BaseUrl, "blog/feed").AbsoluteUri;

        var result = await services.GetRequiredService<RssSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Rss, feedUrl), CancellationToken.None);

        var post = Assert.Single(result.Posts);
        Assert.Equal($"{feedUrl}#1482", post.PlatformPostId);
        Assert.Equal(new DateTimeOffset(2026, 8, 26, 2, 0, 0, TimeSpan.Zero), post.CreatedAt);
        Assert.Equal("Blog Kelurahan Sukasari", post.AccountHandle);
    }

    [Fact]
    public async Task Youtube_channel_feed_is_read_by_channel_id()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Xml(context, Youtube));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<YoutubeSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Youtube, "UCsukasari0000000000000a"), CancellationToken.None);

        Assert.Equal("/feeds/videos.xml?channel_id=UCsukasari0000000000000a", Assert.Single(server.Requests).PathAndQuery);
        var video = Assert.Single(result.Posts);
        Assert.Equal(Platform.Youtube, video.Platform);
        Assert.Equal("Ab12Cd34Ef5", video.PlatformPostId);
        Assert.Equal("UCsukasari0000000000000a", video.AccountPlatformId);
        Assert.Equal("Kelurahan Sukasari", video.AccountHandle);
        Assert.Equal(new DateTimeOffset(2026, 8, 22, 3, 0, 7, TimeSpan.Zero), video.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 8, 23, 10, 12, 44, TimeSpan.Zero), video.EditedAt);
        Assert.Equal("Cara Mengurus Surat Pindah Secara Daring\nLangkah demi langkah mengurus surat pindah lewat aplikasi. #Adminduk #LayananDaring", video.Text);
        Assert.Equal(["Adminduk", "LayananDaring"], video.Hashtags);
        Assert.Equal("https://www.youtube.com/watch?v=Ab12Cd34Ef5", video.Url);
        Assert.Equal(["https://i.example/vi/Ab12Cd34Ef5/hqdefault.jpg"], video.MediaUrls);
    }

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel><item><title>Terpotong", "not well-formed")]
    [InlineData("<html><body>Halaman galat</body></html>", "not an RSS 2.0 or Atom document")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><item><title>&b;</title></item></channel></rss>", "not well-formed")]
    public async Task A_document_that_is_not_a_readable_feed_is_quarantined_whole(string body, string reason)
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Xml(context, body));
        using var services = SourcesHarness.Build(server);

        var result = await services.GetRequiredService<RssSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Rss, new Uri(server.BaseUrl, "feed").AbsoluteUri, cursor: "lama"), CancellationToken.None);

        Assert.Empty(result.Posts);
        Assert.Null(result.NextCursor);
        var (raw, why) = Assert.Single(result.Quarantined);
        Assert.Equal(body, raw);
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_address_that_is_not_a_url_is_permanent()
    {
        await using var server = await ReplayServer.StartAsync(context => Reply.Xml(context, ""));
        using var services = SourcesHarness.Build(server);

        await Assert.ThrowsAsync<SocialWatch.Core.Ports.PermanentSourceException>(() => services.GetRequiredService<RssSource>()
            .FetchAsync(SourcesHarness.Account(Platform.Rss, "blog kelurahan"), CancellationToken.None));
        Assert.Empty(server.Requests);
    }
}
