using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier.Lexicon;
using SocialWatch.Core.Ports;

namespace SocialWatch.Classifier;

public static class ClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IPostClassifier"/> singleton (loaded from Classifier:ModelPath and
    /// Classifier:LexiconDirectory on first use), the <see cref="SocialWatch.Core.Domain.ElectionCalendar"/> of the
    /// same contest files, the <see cref="IContestDirectory"/> over them as they are on disk (list, import), and a hosted check that loads both when a host starts.
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
        services.TryAddSingleton(sp => ContestFiles.Load(ClassifierOptions.Resolve(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.LexiconDirectory)));
        services.TryAddSingleton(sp => sp.GetRequiredService<ContestFiles>().Calendar);
        services.TryAddSingleton<IContestDirectory>(sp => new ContestDirectory(ClassifierOptions.Resolve(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value.LexiconDirectory)));
        services.TryAddSingleton(sp => PostClassifier.Load(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value, sp.GetRequiredService<ContestFiles>()));
        services.TryAddSingleton<IPostClassifier>(sp => sp.GetRequiredService<PostClassifier>());
        services.AddHostedService<ClassifierStartupCheck>();
        return services;
    }
}
