using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Review;

/// <summary>How the console names the people in a flag's history, a case file or a queue: "Sari Wulandari (sari)".</summary>
public static class UserNames
{
    /// <summary>The name of each given user that exists, by id (an id twice is looked up once).</summary>
    public static async Task<IReadOnlyDictionary<long, string>> NamesAsync(this IUserRepository users, IEnumerable<long> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(userIds);
        var names = new Dictionary<long, string>();
        foreach (var id in userIds.Distinct())
        {
            if (await users.GetAsync(id, ct) is { } user)
            {
                names[id] = $"{user.DisplayName} ({user.UserName})";
            }
        }
        return names;
    }
}
