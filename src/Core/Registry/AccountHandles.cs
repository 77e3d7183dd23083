namespace SocialWatch.Core.Registry;

/// <summary>How account handles are compared: people type "@budi" and "budi" for the same account.</summary>
public static class AccountHandles
{
    /// <summary>Trims the handle and drops one leading '@'. Case is kept; the registry compares handles case-insensitively.</summary>
    public static string Normalize(string? handle)
    {
        var trimmed = (handle ?? "").Trim();
        return trimmed.StartsWith('@') ? trimmed[1..].Trim() : trimmed;
    }
}
