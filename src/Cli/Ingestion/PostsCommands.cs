using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ingestion;
using SocialWatch.Core.Ports;

namespace SocialWatch.Cli.Ingestion;

/// <summary>
/// <c>socialwatch posts failed|quarantined [--json] [--limit N]</c> and <c>posts retry-failed</c>: the posts ingestion
/// could not finish, for admins. Nothing here is lost: failed posts are stored with their evidence and quarantined
/// payloads are kept byte for byte.
/// </summary>
public static class PostsCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var posts = new Command("posts", "Posts ingestion could not finish: classification failures and quarantined payloads");
        posts.Subcommands.Add(Failed(context));
        posts.Subcommands.Add(Quarantined(context));
        posts.Subcommands.Add(RetryFailed(context));
        return posts;
    }

    private static Command Failed(CliContext context)
    {
        var (json, limit) = (JsonOption(), LimitOption());
        var command = new Command("failed", "Stored posts the classifier failed on (newest first); they are retried after the next model change");
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(async (parseResult, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var failures = await context.Get<IPostRepository>().ListClassificationFailuresAsync(Limit(parseResult, limit), ct);
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(failures.Select(f => new
                {
                    postId = f.PostId,
                    version = f.PostVersion,
                    platform = f.Platform.ToCode(),
                    handle = f.AccountHandle,
                    platformPostId = f.PlatformPostId,
                    model = f.ModelVersion,
                    error = f.Error,
                    failedAt = CliSupport.JsonTime(context, f.FailedAt),
                    attempts = f.Attempts,
                }), Json));
                return 0;
            }
            CliSupport.WriteTable(context, ["post", "version", "account", "platform post id", "model", "failed at", "attempts", "error"],
                failures.Select(f => new[]
                {
                    Number(f.PostId), Number(f.PostVersion), $"{f.Platform.ToCode()} @{f.AccountHandle}", f.PlatformPostId,
                    f.ModelVersion, CliSupport.FormatTime(context, f.FailedAt), Number(f.Attempts), f.Error,
                }));
            await context.Out.WriteLineAsync($"{failures.Count} posts without a verdict");
            return 0;
        });
        return command;
    }

    private static Command Quarantined(CliContext context)
    {
        var (json, limit) = (JsonOption(), LimitOption());
        var command = new Command("quarantined", "Payloads a connector could not map (newest first), kept as they arrived");
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(async (parseResult, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            var items = await context.Get<IPostRepository>().ListQuarantineAsync(Limit(parseResult, limit), ct);
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(items.Select(q => new
                {
                    id = q.Id,
                    platform = q.Platform.ToCode(),
                    handle = q.AccountHandle,
                    reason = q.Reason,
                    quarantinedAt = CliSupport.JsonTime(context, q.QuarantinedAt),
                    rawPayload = q.RawPayload,
                }), Json));
                return 0;
            }
            CliSupport.WriteTable(context, ["id", "account", "quarantined at", "reason", "payload (start)"],
                items.Select(q => new[]
                {
                    Number(q.Id), q.AccountHandle is null ? q.Platform.ToCode() : $"{q.Platform.ToCode()} @{q.AccountHandle}",
                    CliSupport.FormatTime(context, q.QuarantinedAt), q.Reason, Excerpt(q.RawPayload),
                }));
            await context.Out.WriteLineAsync($"{items.Count} quarantined payloads");
            return 0;
        });
        return command;
    }

    private static Command RetryFailed(CliContext context)
    {
        var command = new Command("retry-failed", "Offer posts the classifier failed on to the configured model now (the service also does this by itself)");
        command.SetAction(async (parseResult, ct) =>
        {
            await CliSupport.EnsureMigratedAsync(context, ct);
            await using var scope = context.Services.CreateAsyncScope();
            var summary = await scope.ServiceProvider.GetRequiredService<ClassificationRetryService>().RetryAsync(ct);
            await context.Out.WriteLineAsync(
                $"{summary.Retried} posts tried: {summary.Classified} classified, {summary.Flagged} flagged, {summary.StillFailing} still failing");
            return 0;
        });
        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Write JSON instead of a table" };

    private static Option<int> LimitOption() => new("--limit") { Description = "At most this many rows (newest first)", DefaultValueFactory = _ => 100 };

    private static int Limit(ParseResult parseResult, Option<int> limit) =>
        parseResult.GetValue(limit) is var n && n >= 1 ? n : throw new CliUserException("--limit must be at least 1");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Excerpt(string payload)
    {
        var oneLine = payload.ReplaceLineEndings(" ");
        return oneLine.Length <= 80 ? oneLine : string.Concat(oneLine.AsSpan(0, 79), "…");
    }
}
