using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SocialWatch.Core.Domain;

/// <summary>
/// A message for a person, kept as a composite-format template ("account {0} does not exist") and its arguments,
/// so the console can show it in the reader's language (the template is the resource key) while logs and the CLI
/// print the English <see cref="ToString"/>. An interpolated string converts to one directly: the literal parts
/// become the template and the holes its numbered placeholders, so callers write ordinary <c>$"…"</c> strings.
/// </summary>
[InterpolatedStringHandler]
public sealed class LocalizableMessage : IEquatable<LocalizableMessage>
{
    private readonly StringBuilder template;
    private readonly List<object?> arguments;

    public LocalizableMessage(int literalLength, int formattedCount)
    {
        template = new StringBuilder(literalLength + formattedCount * 4);
        arguments = new List<object?>(formattedCount);
    }

    /// <summary>The resource key: literal text with braces doubled and one placeholder per argument.</summary>
    public string Template => template.ToString();

    public object?[] Arguments => [.. arguments];

    public void AppendLiteral(string value) => template.Append(Escape(value));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, alignment: 0, format: null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, alignment: 0, format);

    public void AppendFormatted<T>(T value, int alignment, string? format = null)
    {
        template.Append('{').Append(arguments.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment != 0)
        {
            template.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
        }
        if (format is not null)
        {
            template.Append(':').Append(format);
        }
        template.Append('}');
        // A nested message is kept as it is, so a reader's-language rendering can translate it too.
        arguments.Add(value);
    }

    /// <summary>A message read back from storage: <paramref name="template"/> as <see cref="Template"/> gave it.</summary>
    public static LocalizableMessage FromTemplate(string template, IEnumerable<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(arguments);
        var message = new LocalizableMessage(template.Length, 0);
        message.template.Append(template);
        message.arguments.AddRange(arguments);
        return message;
    }

    /// <summary>A fixed sentence with no arguments.</summary>
    public static implicit operator LocalizableMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var message = new LocalizableMessage(text.Length, 0);
        message.AppendLiteral(text);
        return message;
    }

    /// <summary>The message in English (the templates' language), for logs, exceptions and the CLI.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, Arguments);

    /// <summary>Two messages are the same when they read the same in English.</summary>
    public bool Equals(LocalizableMessage? other) => other is not null && ToString() == other.ToString();

    public override bool Equals(object? obj) => Equals(obj as LocalizableMessage);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    private static string Escape(string literal) =>
        literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
}
