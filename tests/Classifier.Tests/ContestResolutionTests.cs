using SocialWatch.Classifier.Lexicon;

namespace SocialWatch.Classifier.Tests;

/// <summary>Issue 15: names shared by two regions' candidates and bare regional numbers are not given to the wrong contest.</summary>
public sealed class ContestResolutionTests
{
    // Two fictional contests whose pairs share a name, beside the shipped files.
    private static readonly LexiconFile Shared = LexiconFile.Parse("""
        { "contests": [
          { "id": "test-pilgub-72", "name": "Pilgub Uji 72", "kind": "pilgub", "region": "Uji", "regionCode": "72", "voteDate": "2024-11-27",
            "pairs": [ { "number": 1, "name": "Rahmat Sentosa – Budi", "aliases": ["rahmat sentosa"] } ] },
          { "id": "test-pilbup-73.01", "name": "Pilbup Uji 73.01", "kind": "pilbup", "region": "Kabupaten Uji", "regionCode": "73.01", "voteDate": "2024-11-27",
            "pairs": [ { "number": 3, "name": "Rahmat Sentosa – Ani", "aliases": ["rahmat sentosa"] } ] } ] }
        """u8, "shared.json");

    private static readonly ContestLexicon Lexicon = new([.. TestResources.ContestFiles, Shared], TestResources.Normalizer);

    private static List<EntityMatch> Resolved(string text, string? regionCode)
    {
        var tokens = TestResources.Normalizer.Normalize(text);
        var matches = new LexiconMatches();
        Lexicon.Match(tokens, matches);
        Lexicon.Resolve(tokens, matches, regionCode);
        return matches.Entities;
    }

    [Fact]
    public void A_shared_name_is_ambiguous_unless_the_accounts_region_settles_it()
    {
        var unknown = Assert.Single(Resolved("Dukung Rahmat Sentosa!", null));
        var province = Assert.Single(Resolved("Dukung Rahmat Sentosa!", "72.05"));
        var regency = Assert.Single(Resolved("Dukung Rahmat Sentosa!", "73.01"));
        var elsewhere = Assert.Single(Resolved("Dukung Rahmat Sentosa!", "11"));

        Assert.Equal("shared:rahmat sentosa", unknown.Entity.Key);
        Assert.Equal(EntityKind.Candidate, unknown.Entity.Kind);
        Assert.Contains("ambiguous: Rahmat Sentosa – Budi, nomor urut 01, Pilgub Uji 72; or Rahmat Sentosa – Ani, nomor urut 03, Pilbup Uji 73.01", unknown.Entity.Description, StringComparison.Ordinal);
        Assert.EndsWith("(the account's region is unknown)", unknown.Entity.Description, StringComparison.Ordinal);
        Assert.Equal("pair:test-pilgub-72/1", province.Entity.Key);
        Assert.Equal("pair:test-pilbup-73.01/3", regency.Entity.Key);
        Assert.Equal("shared:rahmat sentosa", elsewhere.Entity.Key);
        Assert.EndsWith("(none in the account's region 11)", elsewhere.Entity.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_settled_by_a_resolved_name_is_described_with_its_pair()
    {
        var entities = Resolved("Rahmat Sentosa nomor 3 pasti menang pilkada", "73.01");

        Assert.Contains(entities, e => e.Entity.Key == "number:3" && e.Entity.Description.Contains("Rahmat Sentosa – Ani", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Pilkada Jabar coblos nomor 4", "Dedi Mulyadi – Erwan Setiawan")]
    [InlineData("pilgub jawa barat, nomor 3 ya", "Ahmad Syaikhu – Ilham Habibie")]
    [InlineData("Pilkada Kalbar coblos nomor 2", "nomor urut 2, Pilkada 2024 Kalimantan Barat (gubernur)")]
    [InlineData("Pilkada serentak, coblos nomor 2", "nomor urut 2 of a regional contest (which one: not named)")]
    public void A_bare_number_in_a_regional_post_is_not_a_presidential_pair(string text, string expected)
    {
        var number = Assert.Single(Resolved(text, null), e => e.Entity.Kind == EntityKind.BallotNumber);

        Assert.Contains(expected, number.Entity.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Prabowo", number.Entity.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regional_number_is_resolved_by_the_accounts_region_when_the_post_names_none()
    {
        var number = Assert.Single(Resolved("Pilkada serentak, coblos nomor 2", "32.73"), e => e.Entity.Kind == EntityKind.BallotNumber);

        Assert.Contains("Jeje Wiradinata – Ronal Surapradja", number.Entity.Description, StringComparison.Ordinal);
        Assert.Equal("pilkada-2024-jawa-barat", number.Entity.ContestId);
    }

    [Fact]
    public void A_number_in_a_presidential_post_is_still_the_presidential_pair()
    {
        var number = Assert.Single(Resolved("coblos no 2", "32.73"));

        Assert.Contains("Prabowo", number.Entity.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_changes_explanations_not_what_the_model_sees()
    {
        var tokens = TestResources.Normalizer.Normalize("Dukung Rahmat Sentosa, coblos nomor 3 di pilkada");
        var before = new LexiconMatches();
        Lexicon.Match(tokens, before);
        var kinds = before.Entities.Select(e => (e.Entity.Kind, e.Entity.Ambiguous, e.FirstToken, e.TokenCount)).ToList();
        var anchor = before.Anchor;

        Lexicon.Resolve(tokens, before, "73.01");

        Assert.Equal(kinds, before.Entities.Select(e => (e.Entity.Kind, e.Entity.Ambiguous, e.FirstToken, e.TokenCount)));
        Assert.Equal(anchor, before.Anchor);
    }
}
