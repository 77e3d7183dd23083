using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier;

public static class ClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IPostClassifier"/> singleton (loaded from Classifier:ModelPath and
    /// Classifier:LexiconDirectory on first use) and a hosted check that loads it when a host starts.
    /// <code>
    /// "Classifier": { "ModelPath": "models/classifier.zip", "LexiconDirectory": "data/contests",
    ///                 "Thresholds": { "endorse": 0.4, "oppose": 0.6, "campaign": 0.4 } }
    /// </code>
    /// </summary>
    public static IServiceCollection AddClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClassifierOptions>()
            .Bind(configuration.GetSection(ClassifierOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClassifierOptions>, ClassifierOptionsValidator>());
        services.TryAddSingleton(sp => PostClassifier.Load(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value));
        services.TryAddSingleton<IPostClassifier>(sp => sp.GetRequiredService<PostClassifier>());
        services.AddHostedService<ClassifierStartupCheck>();
        return services;
    }
}
