using SocialWatch.Classifier.Lexicon;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Tests;

/// <summary>The shipped slang and contest lexicon, loaded once from the copies beside the test assembly.</summary>
internal static class TestResources
{
    public static string LexiconDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "data", "lexicon");

    public static string ContestDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "data", "contests");

    public static string FixtureCorpus { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "corpus.jsonl");

    public static SlangTable Slang { get; } = SlangTable.LoadDirectory(LexiconDirectory);

    public static IReadOnlyList<(string Path, LexiconFile File)> ContestFilesWithPaths { get; } = Model.LexiconDirectory.Load(ContestDirectory);

    public static IReadOnlyList<LexiconFile> ContestFiles { get; } = ContestFilesWithPaths.Select(f => f.File).ToList();

    public static TextNormalizer Normalizer { get; } = new(Slang, ContestLexicon.WordsOf(ContestFiles).Concat(["ganti", "presiden", "tolak", "politik", "uang", "pilih", "jangan"]));

    public static ContestLexicon Lexicon { get; } = new(ContestFiles, Normalizer);
}
