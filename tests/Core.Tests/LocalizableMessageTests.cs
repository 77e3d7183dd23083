using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Tests;

public sealed class LocalizableMessageTests
{
    [Fact]
    public void An_interpolated_string_becomes_a_template_with_numbered_placeholders_and_its_arguments()
    {
        var handle = "budi";
        LocalizableMessage message = $"account '{handle}' has {1234.5:N1} {{braces}} and {42,5}";

        Assert.Equal("account '{0}' has {1:N1} {{braces}} and {2,5}", message.Template);
        Assert.Equal(["budi", 1234.5, 42], message.Arguments);
        Assert.Equal("account 'budi' has 1,234.5 {braces} and    42", message.ToString());
    }

    [Fact]
    public void A_plain_sentence_keeps_its_braces_literal()
    {
        LocalizableMessage message = "use {0} literally";

        Assert.Equal("use {{0}} literally", message.Template);
        Assert.Equal("use {0} literally", message.ToString());
    }

    [Fact]
    public void A_nested_message_stays_a_message_and_prints_in_english()
    {
        LocalizableMessage what = $"X account @{"budi"}";
        LocalizableMessage message = $"{what} not found";

        Assert.Same(what, Assert.Single(message.Arguments));
        Assert.Equal("X account @budi not found", message.ToString());
        Assert.Equal((LocalizableMessage)"X account @budi not found", message);
    }

    [Fact]
    public void A_domain_error_built_from_an_interpolated_string_keeps_the_template()
    {
        var id = 7;
        var error = new DomainValidationException($"no flag with id {id}");

        Assert.Equal("no flag with id 7", error.Message);
        Assert.Equal("no flag with id {0}", error.Text.Template);
    }
}
