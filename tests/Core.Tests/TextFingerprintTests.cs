using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Tests;

public sealed class TextFingerprintTests
{
    private const string Message = "Mari dukung paslon nomor 2 untuk Kota Maju yang lebih baik! #Pilkada2024";

    [Theory]
    [InlineData("mari dukung paslon nomor 2 untuk kota maju yang lebih baik pilkada2024")]
    [InlineData("MARI dukung paslon nomor 2, untuk Kota Maju yang lebih baik!!! #Pilkada2024 @timsukses https://t.example/x")]
    [InlineData("  Mari   dukung paslon nomor 2 untuk Kota Maju yang lebih baik 🙏 #Pilkada2024\n")]
    public void The_same_message_with_other_case_punctuation_links_and_mentions_has_one_fingerprint(string variant) =>
        Assert.Equal(TextFingerprint.Of(Message), TextFingerprint.Of(variant));

    [Fact]
    public void Another_number_or_word_is_another_message_and_short_texts_have_none()
    {
        Assert.NotEqual(TextFingerprint.Of(Message), TextFingerprint.Of(Message.Replace("nomor 2", "nomor 3", StringComparison.Ordinal)));
        Assert.Null(TextFingerprint.Of("Setuju, nomor 2!"));
        Assert.Null(TextFingerprint.Of("   "));
        Assert.Equal(32, TextFingerprint.Of(Message)!.Length);
        Assert.Equal("mari dukung paslon nomor 2 untuk kota maju yang lebih baik pilkada2024", TextFingerprint.Normalise(Message));
    }
}
