namespace SocialWatch.Core.Domain;

/// <summary>Input that breaks a domain rule. Its message is written for the person who typed the input.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(string message) : base(message) { }

    public DomainValidationException(string message, Exception innerException) : base(message, innerException) { }

    public DomainValidationException() { }
}
