using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Hosting.Learning;

/// <summary>
/// The daily recall sample (docs/learning.md): Learning:RecallSamplePerDay unflagged posts of the previous day (in
/// Digest:TimeZone) go to the queue as "periksa: mungkin terlewat". Flags teach only about false flags; these decisions
/// measure what the classifier misses. Stratified: most of the sample from posts whose best flag label scored at least
/// half its threshold (where misses are likeliest), the rest at random from the others, each sample weighted by the
/// posts it stands for so the estimate stays unbiased. Draws are seeded by the day, so a rerun picks the same posts,
/// and a day already sampled is not sampled again.
/// </summary>
public sealed class RecallSampler(
    IRecallSampleRepository samples,
    IJobStateStore state,
    ReadingTimeZone zone,
    IOptions<LearningOptions> learningOptions,
    IOptions<ClassifierOptions> classifierOptions,
    TimeProvider clock,
    ILogger<RecallSampler> logger)
{
    /// <summary>A post is "just under a threshold" when its best flag label reached this fraction of the label's threshold.</summary>
    public const double NearFraction = 0.5;

    private const string StateKey = "learning:recall-sample:day";

    /// <summary>Samples the day before today (reader's calendar). Returns how many posts were queued (0 when already done).</summary>
    public async Task<int> SampleYesterdayAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await SampleDayAsync(zone.Day(now).AddDays(-1), ct);
    }

    public async Task<int> SampleDayAsync(DateOnly day, CancellationToken ct)
    {
        var perDay = learningOptions.Value.RecallSamplePerDay;
        var dayCode = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (perDay == 0 || string.CompareOrdinal(await state.GetAsync(StateKey, ct), dayCode) >= 0)
        {
            return 0;
        }
        var thresholds = classifierOptions.Value.ThresholdsByLabel();
        var flagLabels = LabelNames.All.Select((label, i) => (label, i)).Where(p => p.label.IsFlag()).ToList();
        var candidates = (await samples.ListUnflaggedAsync(zone.StartOf(day), zone.StartOf(day.AddDays(1)), ct))
            .Select(post =>
            {
                var (label, ratio) = flagLabels
                    .Select(p => (p.label, ratio: post.Scores.GetValueOrDefault(p.label) / thresholds[p.i]))
                    .MaxBy(p => p.ratio);
                return (Post: post, Label: label, Stratum: ratio >= NearFraction ? RecallStratum.Near : RecallStratum.Random);
            })
            .ToList();
        var near = candidates.Where(c => c.Stratum == RecallStratum.Near).ToList();
        var rest = candidates.Where(c => c.Stratum == RecallStratum.Random).ToList();
        var nearCount = Math.Min(near.Count, (int)Math.Round(perDay * learningOptions.Value.RecallNearThresholdShare));
        var restCount = Math.Min(rest.Count, perDay - nearCount);
        nearCount = Math.Min(near.Count, perDay - restCount); // a short stratum leaves its places to the other
        var random = new Random(day.DayNumber);
        var chosen = Draw(near, nearCount, random).Concat(Draw(rest, restCount, random))
            .Select(c =>
            {
                var (population, size) = c.Stratum == RecallStratum.Near ? (near.Count, nearCount) : (rest.Count, restCount);
                return new RecallSample(c.Post.PostId, c.Post.ClassificationId, c.Label, c.Post.Scores.GetValueOrDefault(c.Label), c.Stratum, (double)population / size);
            })
            .ToList();
        var added = chosen.Count == 0 ? 0 : await samples.AddAsync(chosen, clock.GetUtcNow(), ct);
        await state.SetAsync(StateKey, dayCode, clock.GetUtcNow(), ct);
        Log.RecallSampled(logger, added, candidates.Count, nearCount, restCount);
        return added;
    }

    /// <summary>A uniform draw of <paramref name="count"/> items without replacement (a partial Fisher-Yates shuffle).</summary>
    private static IEnumerable<T> Draw<T>(List<T> items, int count, Random random)
    {
        var pool = items.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            yield return pool[i];
        }
    }
}
