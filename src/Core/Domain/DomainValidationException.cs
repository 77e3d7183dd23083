namespace SocialWatch.Core.Domain;

/// <summary>
/// Input that breaks a domain rule. Its message is written for the person who typed the input; <see cref="Text"/>
/// keeps it as a template and arguments so the console can show it in the reader's language.
/// </summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(LocalizableMessage message) : base(message?.ToString()) =>
        Text = message ?? throw new ArgumentNullException(nameof(message));

    public DomainValidationException(LocalizableMessage message, Exception innerException) : base(message?.ToString(), innerException) =>
        Text = message ?? throw new ArgumentNullException(nameof(message));

    public DomainValidationException(string message) : this((LocalizableMessage)message) { }

    public DomainValidationException(string message, Exception innerException) : this((LocalizableMessage)message, innerException) { }

    public DomainValidationException() : this("the input breaks a rule") { }

    public LocalizableMessage Text { get; }
}
