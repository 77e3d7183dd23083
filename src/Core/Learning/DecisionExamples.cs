using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Learning;

/// <summary>One officer's decision as a labelled post: what <c>model export-decisions</c> writes and retraining reads.</summary>
/// <param name="Id">"flag-{id}": stable, so the held-back split of decisions is the same on every run.</param>
public sealed record LearningExample(string Id, string Text, Label Label, DateTimeOffset DecidedAt, string Agency);

/// <param name="Purged">Decisions skipped because retention purged the post's text.</param>
/// <param name="Unlabelled">Dismissals recorded before officers chose civic or other: skipped, since either guess could teach the wrong label.</param>
public sealed record DecisionExamples(IReadOnlyList<LearningExample> Examples, int Purged, int Unlabelled)
{
    public int Confirmed => Examples.Count(e => e.Label.IsFlag());

    public int Dismissed => Examples.Count - Confirmed;

    /// <summary>
    /// The decisions kept out of training to judge a candidate: one in five, chosen by a hash of the example's id, so
    /// an example stays on its side of the split as decisions accumulate and a retrain never tests on what it learnt.
    /// </summary>
    public static bool IsHeldBack(LearningExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(example.Id));
        return hash[0] % 5 == 0;
    }
}

/// <summary>Turns the officers' closing decisions into labelled examples (docs/learning.md).</summary>
public sealed class DecisionExampleSource(IDecisionExampleRepository decisions)
{
    public async Task<DecisionExamples> LoadAsync(CancellationToken ct = default)
    {
        var examples = new List<LearningExample>();
        var (purged, unlabelled) = (0, 0);
        foreach (var decided in await decisions.ListDecidedAsync(ct))
        {
            if (string.IsNullOrWhiteSpace(decided.Text))
            {
                purged++;
                continue;
            }
            // A confirmation from before officers chose labels confirmed the label the flag was raised with.
            Label? label = decided.Kind == DecisionKind.Confirm ? decided.Label ?? decided.FlagLabel : decided.Label;
            if (label is not { } chosen)
            {
                unlabelled++;
                continue;
            }
            examples.Add(new LearningExample($"flag-{decided.FlagId}", decided.Text, chosen, decided.DecidedAt, decided.AgencyCode));
        }
        return new DecisionExamples(examples, purged, unlabelled);
    }
}
