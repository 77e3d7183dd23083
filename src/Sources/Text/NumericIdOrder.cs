namespace SocialWatch.Sources.Text;

/// <summary>
/// Orders the numeric-string ids of Mastodon and X: longer is newer, then lexical (platform-apis.md §1.2, §3.3).
/// Ids stay strings: X ids overflow some number types, and other Mastodon-compatible servers use other forms.
/// </summary>
internal sealed class NumericIdOrder : IComparer<string>
{
    public static NumericIdOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }

    public static string? Max(string? a, string? b) => Instance.Compare(a, b) >= 0 ? a : b;
}
