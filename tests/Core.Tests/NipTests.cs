using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Tests;

public sealed class NipTests
{
    [Theory]
    [InlineData("198504122010031001")]
    [InlineData("19850412 201003 1 001")]
    [InlineData(" 200002292024122999 ")]
    public void Well_formed_nips_parse_to_their_digits(string text)
    {
        var nip = Nip.Parse(text);

        Assert.Equal(text.Replace(" ", ""), nip.Value);
        Assert.Equal(18, nip.ToString().Length);
    }

    [Theory]
    [InlineData("19850412201003100", "must be exactly 18 digits")]
    [InlineData("1985041220100310011", "must be exactly 18 digits")]
    [InlineData("19850412201003100A", "must be exactly 18 digits")]
    [InlineData("", "must be exactly 18 digits")]
    [InlineData("198513122010031001", "valid birth date")]
    [InlineData("199902292010031001", "valid birth date")]
    [InlineData("198504122010131001", "appointment month")]
    [InlineData("198504122010033001", "must be 1 or 2")]
    public void Malformed_nips_are_refused_with_the_reason(string text, string reason)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Nip.Parse(text));

        Assert.Contains(reason, ex.Message);
        Assert.False(Nip.TryParse(text, out _, out var error));
        Assert.Equal(ex.Message, error);
    }
}
