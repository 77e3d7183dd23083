using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Notifications;

namespace SocialWatch.Cli;

/// <summary>`socialwatch digest preview|send-now`: look at a digest without sending it, or build and deliver now.</summary>
public static class DigestCommands
{
    public static Command Create(CliContext context)
    {
        var digest = new Command("digest", "The nightly digest email to officers.");
        digest.Subcommands.Add(Preview(context));
        digest.Subcommands.Add(SendNow(context));
        return digest;
    }

    private static Command Preview(CliContext context)
    {
        var officer = new Option<string>("--officer") { Description = "User name of the officer (default: the first active officer)." };
        var date = new Option<string>("--date") { Description = "Digest date yyyy-MM-dd in the digest time zone (default: today)." };
        var output = new Option<string>("--out") { Description = "Write the HTML part to this file instead of printing the text part." };
        var command = new Command("preview", "Render a digest without sending or storing it.") { officer, date, output };
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var settings = context.Get<IOptions<DigestOptions>>().Value.ToSettings();
            var user = await FindOfficerAsync(context, parse.GetValue(officer), ct);
            var period = ParseDate(parse.GetValue(date)) ?? DigestRun.PeriodDate(context.Get<TimeProvider>().GetUtcNow(), settings.TimeZone);
            var end = new DateTimeOffset(period.ToDateTime(new TimeOnly(23, 59, 59)), settings.TimeZone.GetUtcOffset(period.ToDateTime(TimeOnly.MinValue)));
            var now = context.Get<TimeProvider>().GetUtcNow();
            var to = end < now ? end : now;
            var builder = context.Get<DigestBuilder>();
            var from = await builder.CoveredFromAsync(user, to, settings.FirstLookBack, ct);
            var built = await builder.BuildAsync(user, period, from < to ? from : to - settings.FirstLookBack, to, settings.TopCount, settings.ReviewDeadline, ct);
            var (subject, html, text) = context.Get<IDigestRenderer>().Render(built);
            var file = parse.GetValue(output);
            if (file is null)
            {
                await context.Out.WriteLineAsync("To: " + user.Email);
                await context.Out.WriteAsync(text);
            }
            else
            {
                await File.WriteAllTextAsync(file, html, ct);
                await context.Out.WriteLineAsync($"{subject} -> {file}");
            }
        });
        return command;
    }

    private static Command SendNow(CliContext context)
    {
        var command = new Command("send-now", "Build the digests that are due and deliver the outbox.");
        command.SetAction(async (parse, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var settings = context.Get<IOptions<DigestOptions>>().Value.ToSettings();
            var stored = await context.Get<DigestRun>().BuildDueAsync(settings, ct);
            var sent = await context.Get<OutboxSender>().SendDueAsync(ct);
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{stored} digest(s) stored, {sent} message(s) sent"));
        });
        return command;
    }

    private static async Task<User> FindOfficerAsync(CliContext context, string? userName, CancellationToken ct)
    {
        var users = context.Get<IUserRepository>();
        if (userName is not null)
        {
            return await users.FindByUserNameAsync(userName, ct) ?? throw new CliUserException($"no user '{userName}'");
        }
        return (await users.ListAsync(Role.Officer, ct)).FirstOrDefault(u => u.IsActive) ?? throw new CliUserException("no active officer; pass --officer");
    }

    private static DateOnly? ParseDate(string? value) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new CliUserException($"--date '{value}' is not a date (yyyy-MM-dd)");
}
