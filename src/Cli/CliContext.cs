using Microsoft.Extensions.DependencyInjection;

namespace SocialWatch.Cli;

/// <summary>
/// What every command needs: the composed services (built on first use, so `--help` touches no database)
/// and the two output streams, which tests replace.
/// </summary>
public sealed class CliContext(Func<IServiceProvider> buildServices, TextWriter output, TextWriter error)
{
    private readonly Lazy<IServiceProvider> services = new(buildServices);

    public IServiceProvider Services => services.Value;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
