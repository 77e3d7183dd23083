using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Rendering;

/// <summary>Shows a <see cref="LocalizableMessage"/> in the reader's language: its template is the resource key.</summary>
public static class LocalizedMessages
{
    public static string Localize(this IStringLocalizer text, LocalizableMessage message)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(message);
        // Nested messages ("malformed CSV: {0}") are translated too, not shown in English inside a translated sentence.
        var arguments = message.Arguments.Select(a => a is LocalizableMessage nested ? text.Localize(nested) : a).ToArray();
        return text[message.Template, arguments!];
    }
}
