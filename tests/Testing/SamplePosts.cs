using SocialWatch.Core.Domain;

namespace SocialWatch.Testing;

/// <summary>Builders for posts and classifications with plausible defaults.</summary>
public static class SamplePosts
{
    public static FetchedPost Fetched(string platformPostId, string text = "Selamat pagi warga Kota Maju", Platform platform = Platform.Mastodon,
        DateTimeOffset? createdAt = null, string? handle = "pegawai1") => new()
        {
            Platform = platform,
            PlatformPostId = platformPostId,
            AccountHandle = handle ?? "pegawai1",
            CreatedAt = createdAt ?? new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
            Text = text,
            Language = "id",
            Url = $"https://sosial.kotamaju.example/@pegawai1/{platformPostId}",
            Hashtags = ["KotaMaju"],
            Mentions = ["dukcapil"],
            MediaDescriptions = ["Foto kegiatan"],
            MediaUrls = ["https://sosial.kotamaju.example/media/1.jpg"],
            RawPayload = $$"""{"id":"{{platformPostId}}","content":"{{text}}"}""",
        };

    public static ClassificationResult Classified(Label label, double score = 0.9, string modelVersion = "test-model-1") => new(
        label,
        label.IsFlag(),
        LabelNames.All.ToDictionary(l => l, l => l == label ? score : (1 - score) / 4),
        [new Signal("feature", 0, 7, "Selamat", "w:selamat", label, 0.5), new Signal("entity", -1, 0, "02", "pair:pilpres-2024/2", label, 0, "Prabowo–Gibran")],
        modelVersion);
}
