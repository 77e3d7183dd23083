using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;

namespace SocialWatch.Hosting.Learning;

public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// The Learning section (validated at start), the active-model classifier that replaces the shipped one as the
    /// host's <see cref="IPostClassifier"/>, its reload poller, the retrainer and the recall sampler.
    /// </summary>
    public static IServiceCollection AddLearning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LearningOptions>().Bind(configuration.GetSection(LearningOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LearningOptions>, LearningOptionsValidator>());
        services.TryAddSingleton<ActiveModelClassifier>();
        services.Replace(ServiceDescriptor.Singleton<IPostClassifier>(sp => sp.GetRequiredService<ActiveModelClassifier>()));
        services.TryAddSingleton<Retrainer>();
        services.TryAddSingleton<RecallSampler>();
        services.AddHostedService<ActiveModelWatcher>();
        return services;
    }
}
