namespace SocialWatch.Classifier.Features;

/// <summary>
/// A stable string hash (FNV-1a over UTF-16 units, then a murmur finaliser). Never string.GetHashCode: that one
/// changes per process, and a model's buckets must mean the same thing in training and at run time.
/// </summary>
internal static class FeatureHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Start(char kind) => Step(OffsetBasis, kind);

    public static uint Step(uint hash, char c) => (hash ^ c) * Prime;

    public static uint Of(char kind, ReadOnlySpan<char> text)
    {
        var hash = Start(kind);
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }
        return hash;
    }

    public static uint Combine(uint first, uint second) => Step(Step(first * Prime, '\u0001'), (char)(second & 0xFFFF)) ^ (second >> 16) * 0x9E3779B1;

    public static int Bucket(uint hash, int mask)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return (int)(hash & (uint)mask);
    }
}
