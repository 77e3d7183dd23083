namespace SocialWatch.Classifier.Text;

/// <summary>What a normalised token stands for; lexicon matching and features treat the kinds differently.</summary>
public enum TokenKind
{
    Word,
    Number,
    BallotNumber,
    Hashtag,
    Mention,
    Url,
    Emoji,
}

/// <summary>
/// One normalised token and the stretch of the original text it came from. Tokens produced from one original
/// word (slang expansions, hashtag parts of non-ASCII hashtags) share that word's span.
/// </summary>
/// <param name="Text">Normalised form, e.g. "tidak", "no2", "#aminajadulu", "&lt;jari3&gt;", "&lt;url&gt;".</param>
/// <param name="Start">UTF-16 offset into the original text.</param>
/// <param name="Length">Length of the original span in UTF-16 units.</param>
public readonly record struct Token(string Text, int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;
}
