using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Kept media and the replied-to post on the flag page and in both case reports, and the media route: every role,
/// another agency's media reading as missing, and only an allowed image type with nosniff.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class EvidenceTests(ConsoleFixture fixture)
{
    private static readonly string[] Actors = ["anonymous", "admin", "officer-a", "auditor"];
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5];

    [Fact]
    public async Task The_flag_page_and_the_case_reports_show_the_kept_images_and_parent_with_hashes_even_after_the_post_vanished()
    {
        var (flagId, mediaId) = await FlagWithEvidenceAsync(fixture.AgencyA, confirm: true);
        var detail = (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(flagId))!;
        await fixture.Database.Get<IPostRepository>().MarkDeletedAsync(detail.Post.Id, new DateTimeOffset(2024, 2, 3, 1, 0, 0, TimeSpan.Zero));
        using var officer = await fixture.SignedInAsync("officer-a");

        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/flags/{flagId}"));
        var report = WebUtility.HtmlDecode(await officer.GetStringAsync($"/flags/{flagId}/report"));
        var caseReport = WebUtility.HtmlDecode(await officer.GetStringAsync($"/staff/{detail.Staff.Nip.Value}/report?flags={flagId}"));

        foreach (var html in new[] { page, report, caseReport })
        {
            Assert.Contains($"<img src=\"/evidence/media/{mediaId}\"", html, StringComparison.Ordinal);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Png)), html, StringComparison.Ordinal);
            Assert.Contains("tidak disimpan (<bdi class=\"untrusted\">too large: 20000000 bytes", html, StringComparison.Ordinal);
            Assert.Contains("Siapa pilihanmu, warga?", html, StringComparison.Ordinal);
            Assert.Contains(Storage.Repositories.PostRepository.Sha256Hex("{\"id\":\"induk-1\",\"text\":\"Siapa pilihanmu, warga?\"}"), html, StringComparison.Ordinal);
            Assert.Contains("id=\"evidence-vanished\"", html, StringComparison.Ordinal);
            Assert.Contains("2024-02-03 08:00 WIB", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_flag_waiting_for_collection_says_so()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        var (withMedia, _) = await FlagWithEvidenceAsync(fixture.AgencyA, confirm: false, collect: false);
        Assert.Contains("id=\"evidence-pending\"", await officer.GetStringAsync($"/flags/{withMedia}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_are_served_to_each_role_within_its_agencies_as_an_allowed_image_with_nosniff()
    {
        var (_, mediaA) = await FlagWithEvidenceAsync(fixture.AgencyA, confirm: false);
        var (_, mediaB) = await FlagWithEvidenceAsync(fixture.AgencyB, confirm: false);
        var skipped = mediaA + 1;
        foreach (var (path, expected) in new[]
        {
            ($"/evidence/media/{mediaA}", "signin 200 200 200"),
            ($"/evidence/media/{mediaB}", "signin 200 404 200"),
            ($"/evidence/media/{skipped}", "signin 404 404 404"),
            ("/evidence/media/999999", "signin 404 404 404"),
        })
        {
            var expectations = expected.Split(' ');
            for (var i = 0; i < Actors.Length; i++)
            {
                using var client = Actors[i] == "anonymous" ? fixture.Anonymous() : await fixture.SignedInAsync(Actors[i]);
                using var response = await client.GetAsync(path);
                var what = $"GET {path} as {Actors[i]}";
                if (expectations[i] == "signin")
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, what);
                    var location = response.Headers.Location!;
                    Assert.StartsWith("/signin", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
                    continue;
                }
                Assert.True(int.Parse(expectations[i], CultureInfo.InvariantCulture) == (int)response.StatusCode, $"{what}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
                    Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                    Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
                    Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
                }
            }
        }
    }

    /// <summary>A flag of the agency whose post had two images (one kept, one too large) and replied to a post, with its evidence recorded.</summary>
    private async Task<(long FlagId, long MediaId)> FlagWithEvidenceAsync(Agency agency, bool confirm, bool collect = true)
    {
        var accounts = await fixture.Database.Get<IAccountRepository>().ListAsync();
        var staff = await fixture.Database.Get<IStaffRepository>().ListAsync();
        var account = accounts.First(a => staff.Any(s => s.Id == a.StaffId && s.AgencyId == agency.Id));
        var marker = Guid.NewGuid().ToString("N")[..8];
        var fetched = SamplePosts.Fetched($"bukti-{marker}", $"Setuju, nomor 2! {marker}") with
        {
            MediaUrls = ["https://media.example/a.png", "https://media.example/b.jpg"],
            ReplyToPostId = "induk-1",
        };
        var at = new DateTimeOffset(2024, 2, 2, 4, 0, 0, TimeSpan.Zero);
        var post = (await fixture.Database.Get<IPostRepository>().StoreAsync(account.Id, fetched, at)).Post;
        var classification = await fixture.Database.Get<IClassificationRepository>().SaveAsync(post.Id, 1, SamplePosts.Classified(Label.Endorse), at);
        var flagId = (await fixture.Database.Get<IFlagRepository>().CreateIfAbsentAsync(post.Id, classification.Id, Label.Endorse, 0.9, at)).Flag.Id;
        if (confirm)
        {
            var officer = agency.Id == fixture.AgencyA.Id ? fixture.OfficerAId : fixture.OfficerAId + 1;
            await fixture.Database.Get<IFlagRepository>().RecordDecisionAsync(flagId, officer, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "kampanye", at);
        }
        if (!collect)
        {
            return (flagId, 0);
        }
        var evidence = fixture.Database.Get<IEvidenceRepository>();
        await evidence.RecordAsync(flagId,
            [new CollectedMedia("https://media.example/a.png", "image/png", Png, null), new CollectedMedia("https://media.example/b.jpg", null, null, "too large: 20000000 bytes")],
            new CollectedParent(Platform.Mastodon, "induk-1", "fetched", "warga", at.AddHours(-1), "Siapa pilihanmu, warga?", "https://sosial.example/@warga/1",
                "{\"id\":\"induk-1\",\"text\":\"Siapa pilihanmu, warga?\"}"),
            at.AddMinutes(1));
        return (flagId, (await evidence.GetAsync(flagId)).Media[0].Id);
    }
}
