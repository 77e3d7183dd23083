using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace SocialWatch.Worker.Tests;

/// <summary>Every [LoggerMessage] of the product has an event id that is unique and inside its project's range in docs/logging.md.</summary>
public sealed partial class EventIdTests
{
    [GeneratedRegex(@"^\| (\d+)–(\d+) \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex RangeRow();

    private static List<(int From, int To, string Project)> Ranges() =>
        RangeRow().Matches(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "logging.md")))
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value))
            .ToList();

    /// <summary>The product's assemblies beside the tests (the Worker references every other one but the CLI).</summary>
    private static List<(string Project, int EventId, string Method)> LogMessages() =>
        Directory.GetFiles(AppContext.BaseDirectory, "SocialWatch.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal) && name != "SocialWatch.Testing")
            .Select(name => Assembly.Load(name!))
            .SelectMany(assembly => assembly.GetTypes()
                .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .SelectMany(method => method.GetCustomAttributes<LoggerMessageAttribute>()
                    .Select(a => (assembly.GetName().Name!["SocialWatch.".Length..], a.EventId, $"{method.DeclaringType!.FullName}.{method.Name}"))))
            .ToList();

    [Fact]
    public void The_ranges_do_not_overlap()
    {
        var ranges = Ranges().OrderBy(r => r.From).ToList();
        Assert.True(ranges.Count >= 8, $"docs/logging.md lists {ranges.Count} ranges");
        Assert.All(ranges.Zip(ranges.Skip(1)), pair => Assert.True(pair.First.To < pair.Second.From, $"{pair.First} overlaps {pair.Second}"));
    }

    [Fact]
    public void Every_log_message_has_a_unique_id_inside_its_projects_range()
    {
        var ranges = Ranges();
        var messages = LogMessages();
        Assert.Contains(messages, m => m.Project == "Notifications");
        Assert.Contains(messages, m => m.Project == "Classifier");

        Assert.All(messages, m => Assert.True(
            ranges.Any(r => r.Project == m.Project && m.EventId >= r.From && m.EventId <= r.To),
            $"{m.Method}: event id {m.EventId} is outside the ranges of {m.Project} in docs/logging.md"));
        var repeated = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(repeated);
    }
}
