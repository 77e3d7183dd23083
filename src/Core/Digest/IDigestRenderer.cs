namespace SocialWatch.Core.Digest;

/// <summary>Turns a digest into an email (implemented by the Notifications adapter).</summary>
public interface IDigestRenderer
{
    (string Subject, string Html, string Text) Render(OfficerDigest digest);
}
