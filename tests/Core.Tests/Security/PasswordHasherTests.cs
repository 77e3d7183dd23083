using SocialWatch.Core.Domain;
using SocialWatch.Core.Security;

namespace SocialWatch.Core.Tests.Security;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher hasher = new(PasswordHasher.MinimumIterations);

    [Fact]
    public void Hash_verifies_with_the_same_password_only()
    {
        var hash = hasher.Hash("correct horse battery");

        Assert.True(PasswordHasher.Verify("correct horse battery", hash));
        Assert.False(PasswordHasher.Verify("correct horse batterY", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void Hash_is_versioned_salted_and_names_its_iterations()
    {
        var first = hasher.Hash("correct horse battery");
        var second = hasher.Hash("correct horse battery");

        Assert.StartsWith("pbkdf2-sha256$v1$100000$", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$v2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$v1$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$v1$100000$not base64$AAAA")]
    public void Verify_refuses_anything_that_is_not_one_of_our_hashes(string stored)
    {
        Assert.False(PasswordHasher.Verify("whatever password", stored));
    }

    [Fact]
    public void Short_passwords_and_low_iteration_counts_are_refused()
    {
        Assert.Throws<DomainValidationException>(() => hasher.Hash("short"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(1000));
    }

    [Fact]
    public void NeedsRehash_when_the_work_factor_has_risen()
    {
        var old = hasher.Hash("correct horse battery");

        Assert.False(hasher.NeedsRehash(old));
        Assert.True(new PasswordHasher(PasswordHasher.MinimumIterations + 1).NeedsRehash(old));
    }
}
