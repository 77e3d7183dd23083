using System.Text.Json;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Http;

/// <summary>Collects one poll's posts and quarantined items: an item that cannot be mapped is kept with its reason, never dropped.</summary>
internal sealed class FetchBatch
{
    private readonly List<FetchedPost> posts = [];
    private readonly List<(string RawPayload, string Reason)> quarantined = [];

    public IReadOnlyList<FetchedPost> Posts => posts;
    public int QuarantinedCount => quarantined.Count;

    /// <summary>Maps one item; on failure quarantines its raw text with the reason. Returns whether it was mapped.</summary>
    public bool TryAdd(string raw, Func<FetchedPost> map)
    {
        try
        {
            posts.Add(map());
            return true;
        }
        catch (ItemFormatException e)
        {
            quarantined.Add((raw, e.Message));
            return false;
        }
    }

    public void Add(FetchedPost post) => posts.Add(post);

    public void Quarantine(string raw, string reason) => quarantined.Add((raw, reason));

    /// <summary>Parses a page body; a body that is not JSON is quarantined whole and null returned.</summary>
    public JsonDocument? ParsePage(string body, LocalizableMessage what)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            quarantined.Add((body, $"{what}: the page is not valid JSON ({e.Message})"));
            return null;
        }
    }

    public FetchResult ToResult(string? nextCursor, string? platformAccountId) =>
        new(posts, nextCursor, platformAccountId, quarantined);
}
