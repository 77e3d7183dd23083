namespace SocialWatch.Core.Domain;

/// <summary>
/// How long a flag may wait for a decision (<c>Digest:ReviewDeadlineDays</c>, default 7): the digest's "past the
/// deadline" list and the console's due dates and overdue filter use this one setting.
/// </summary>
public sealed class ReviewDeadline(TimeSpan length)
{
    public static ReviewDeadline Default { get; } = new(TimeSpan.FromDays(7));

    public TimeSpan Length { get; } = length;

    public DateTimeOffset DueAt(Flag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return flag.CreatedAt + Length;
    }

    /// <summary>A waiting flag created before this instant is overdue at <paramref name="now"/>.</summary>
    public DateTimeOffset OverdueBefore(DateTimeOffset now) => now - Length;

    public bool IsOverdue(Flag flag, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return FlagStatusNames.Pending.Contains(flag.Status) && DueAt(flag) < now;
    }
}
