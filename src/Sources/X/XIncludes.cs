using System.Text.Json;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.X;

/// <summary>
/// The expanded objects of one X page, by id. The API renamed "tweets" to "posts" in its latest OpenAPI
/// (platform-apis.md §3.2), so both spellings are read.
/// </summary>
internal sealed class XIncludes
{
    public Dictionary<string, JsonElement> Posts { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonElement> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonElement> Media { get; } = new(StringComparer.Ordinal);

    public static XIncludes Read(JsonElement root)
    {
        var result = new XIncludes();
        if (root.Object("includes") is not { } includes)
        {
            return result;
        }

        foreach (var post in includes.Array("tweets").Concat(includes.Array("posts")))
        {
            if (post.String("id") is { } id)
            {
                result.Posts[id] = post;
            }
        }

        foreach (var user in includes.Array("users"))
        {
            if (user.String("id") is { } id)
            {
                result.Users[id] = user;
            }
        }

        foreach (var media in includes.Array("media"))
        {
            if (media.String("media_key") is { } key)
            {
                result.Media[key] = media;
            }
        }

        return result;
    }
}
