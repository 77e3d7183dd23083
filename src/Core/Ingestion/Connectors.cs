using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>What an admin should read about an account's polling, beyond its stored status.</summary>
public enum AccountActivity
{
    Polled,
    /// <summary>Fed by exported files (Facebook, Instagram, TikTok, Threads, other JSONL): never polled, by design.</summary>
    FileFed,
    /// <summary>The platform's connector is switched off by configuration (X without a token): waiting, not failing.</summary>
    PausedConnectorDisabled,
    Disabled,
    NeedsAttention,
}

/// <summary>
/// The platforms this deployment has a connector for. An account of a platform whose connector is off is not an
/// error: the sample run's X accounts used to turn red "needs attention" with Error lines only because no X token
/// was set.
/// </summary>
public sealed class Connectors(IEnumerable<IPostSource> sources)
{
    private readonly HashSet<Platform> enabled = [.. sources.Select(s => s.Platform)];

    public bool IsEnabled(Platform platform) => enabled.Contains(platform);

    public AccountActivity Activity(WatchedAccount account) => account.Status switch
    {
        AccountStatus.Disabled => AccountActivity.Disabled,
        AccountStatus.NeedsAttention => AccountActivity.NeedsAttention,
        _ when account.Platform.IsExportOnly() => AccountActivity.FileFed,
        _ when !IsEnabled(account.Platform) => AccountActivity.PausedConnectorDisabled,
        _ => AccountActivity.Polled,
    };
}
