using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>A closed flag as a training example: the officer's last confirmation or dismissal and the flagged version's text.</summary>
/// <param name="Label">The label the officer chose; null on decisions recorded before officers chose labels.</param>
/// <param name="FlagLabel">The label the flag was raised with (what a confirmation without a recorded label confirmed).</param>
/// <param name="AgencyCode">The agency of the post's account.</param>
/// <param name="Text">
/// What the classifier read in the flagged version (own text, shared text, media descriptions, as <see cref="FetchedPost.ClassifiableText"/>),
/// never a later edit; null when retention purged it.
/// </param>
public sealed record DecidedPost(long FlagId, DecisionKind Kind, Label? Label, Label FlagLabel, DateTimeOffset DecidedAt, string AgencyCode, string? Text);

/// <summary>What learning from decisions reads: the officers' closing decisions.</summary>
public interface IDecisionExampleRepository
{
    /// <summary>Every flag closed by a confirmation or dismissal (its last one), in flag id order.</summary>
    Task<IReadOnlyList<DecidedPost>> ListDecidedAsync(CancellationToken ct = default);
}

/// <summary>Where a recorded model came from.</summary>
public enum ModelOrigin
{
    /// <summary>Classifier:ModelPath, recorded when a retrain first considers replacing it (so it can be activated again).</summary>
    Shipped,
    /// <summary>A candidate <c>model retrain</c> trained on the corpus plus the officers' decisions.</summary>
    Retrained,
}

/// <summary>One row of the models table: a model the service used or considered, with what it was trained on and how it measured.</summary>
/// <param name="FilePath">The model zip (Learning:ModelDirectory/VERSION.zip, or Classifier:ModelPath for the shipped model).</param>
/// <param name="TrainingRows">Corpus rows it was trained on (0 for the shipped model: see its model card).</param>
/// <param name="DecisionRows">Officers' decisions among its training rows.</param>
/// <param name="HeldBackRows">Decisions kept out of its training to judge it.</param>
/// <param name="Metrics">The gate's measurements (<see cref="Learning.GateMetrics"/> as JSON).</param>
/// <param name="Reason">Why it was promoted or not, in a sentence.</param>
/// <param name="ActivatedAt">When it last became the active model; the active model is the one activated last.</param>
public sealed record ModelRecord(
    long Id,
    string Version,
    string FilePath,
    DateTimeOffset TrainedAt,
    ModelOrigin Origin,
    int TrainingRows,
    int DecisionRows,
    int HeldBackRows,
    string Metrics,
    bool Promoted,
    string Reason,
    DateTimeOffset? ActivatedAt);

/// <summary>The models table (docs/learning.md).</summary>
public interface IModelRegistry
{
    /// <summary>Records a model (its <see cref="ModelRecord.Id"/> is ignored); it becomes active when <see cref="ModelRecord.ActivatedAt"/> is set.</summary>
    Task<ModelRecord> AddAsync(ModelRecord model, CancellationToken ct = default);

    /// <summary>Every recorded model, newest first.</summary>
    Task<IReadOnlyList<ModelRecord>> ListAsync(CancellationToken ct = default);

    /// <summary>The model activated last; null when none was (the service runs Classifier:ModelPath).</summary>
    Task<ModelRecord?> GetActiveAsync(CancellationToken ct = default);

    /// <summary>Makes the latest record of this version the active model. Null when no model of that version is recorded.</summary>
    Task<ModelRecord?> ActivateAsync(string version, DateTimeOffset at, CancellationToken ct = default);
}

/// <summary>The two strata of the daily recall sample.</summary>
public enum RecallStratum
{
    /// <summary>Unflagged posts whose best flag label scored at least half its threshold: where misses are likeliest.</summary>
    Near,
    /// <summary>Every other unflagged post, drawn at random so the estimate covers misses the model scores low.</summary>
    Random,
}

/// <summary>An unflagged post's latest classification, a candidate for the recall sample.</summary>
public sealed record UnflaggedPost(long PostId, long ClassificationId, IReadOnlyDictionary<Label, double> Scores);

/// <summary>One sampled post for the queue.</summary>
/// <param name="Label">Its most probable flag label (what an officer confirming it would most likely choose).</param>
/// <param name="Weight">How many unflagged posts of its day and stratum it stands for (population / sample size).</param>
public sealed record RecallSample(long PostId, long ClassificationId, Label Label, double Score, RecallStratum Stratum, double Weight);

/// <summary>What the dashboard's learning figures are computed from (<see cref="Learning.LearningFigures"/>).</summary>
/// <param name="Samples">Every recall sample: its weight and whether an officer confirmed it (null while undecided or escalated).</param>
/// <param name="FlagDecisions">Classifier flags closed by officers, per label raised: confirmed and dismissed counts.</param>
/// <param name="ClassifierFlagsInWindow">Flags the classifier raised over the days the samples cover.</param>
public sealed record LearningStats(
    IReadOnlyList<(double Weight, bool? Confirmed)> Samples,
    IReadOnlyList<(Label Label, int Confirmed, int Dismissed)> FlagDecisions,
    int ClassifierFlagsInWindow);

/// <summary>The recall sample's side of the flags table.</summary>
public interface IRecallSampleRepository
{
    /// <summary>Posts fetched in [from, to), not flagged, purged or deleted, with their latest classification's scores.</summary>
    Task<IReadOnlyList<UnflaggedPost>> ListUnflaggedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>Queues the samples as open recall-sample flags in one transaction; a post flagged meanwhile keeps its flag. Returns how many were added.</summary>
    Task<int> AddAsync(IReadOnlyList<RecallSample> samples, DateTimeOffset at, CancellationToken ct = default);

    Task<LearningStats> GetStatsAsync(CancellationToken ct = default);
}
