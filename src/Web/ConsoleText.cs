namespace SocialWatch.Web;

/// <summary>
/// The console's resource strings: <c>Resources/ConsoleText.resx</c> (Indonesian, the neutral language) and
/// <c>Resources/ConsoleText.en.resx</c> (English). Pages ask for them with <c>IStringLocalizer&lt;ConsoleText&gt;</c>.
/// </summary>
public sealed class ConsoleText;
