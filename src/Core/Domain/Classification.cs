namespace SocialWatch.Core.Domain;

/// <summary>Why the classifier said what it said: a stretch of the original text, or a matched lexicon entity.</summary>
/// <param name="Kind">"feature" for a model feature, "entity" for a lexicon match (pair, party, number, slogan, hashtag, sign).</param>
/// <param name="Start">UTF-16 offset into the classified text, or -1 when the signal has no span.</param>
/// <param name="Length">Span length in UTF-16 units.</param>
/// <param name="Text">The original text of the span (or the entity's surface form).</param>
/// <param name="Feature">The feature or entity key, e.g. "w:coblos", "pair:pilpres-2024/2".</param>
/// <param name="Label">The label this signal pushes towards.</param>
/// <param name="Weight">Its contribution to that label's score (log-odds units); 0 for entities.</param>
/// <param name="Entity">For entities: a human-readable description ("Prabowo–Gibran, nomor urut 02, Pilpres 2024").</param>
public sealed record Signal(string Kind, int Start, int Length, string Text, string Feature, Label Label, double Weight, string? Entity = null);

/// <summary>One model's verdict on one text.</summary>
public sealed record ClassificationResult(
    Label Label,
    bool IsFlag,
    IReadOnlyDictionary<Label, double> Scores,
    IReadOnlyList<Signal> Signals,
    string ModelVersion);

/// <summary>A stored classification of one version of a post.</summary>
public sealed record StoredClassification(
    long Id,
    long PostId,
    int PostVersion,
    string ModelVersion,
    Label Label,
    IReadOnlyDictionary<Label, double> Scores,
    IReadOnlyList<Signal> Signals,
    DateTimeOffset ClassifiedAt);
