using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Sources.Http;
using SocialWatch.Sources.Text;

namespace SocialWatch.Sources.Mastodon;

/// <summary>
/// An account's public statuses from its Mastodon instance (platform-apis.md §1).
/// Cursor: the highest status id stored. Polls walk forward from it with <c>min_id</c>, which leaves no gaps;
/// the first poll walks back from the newest status with <c>max_id</c>.
/// </summary>
public sealed class MastodonSource(HttpClient http, IOptions<SourcesOptions> options, ILogger<MastodonSource> logger) : IPostSource, IParentPostSource
{
    private readonly MastodonOptions settings = options.Value.Mastodon;

    public Platform Platform => Platform.Mastodon;

    public async Task<FetchResult> FetchAsync(WatchedAccount account, CancellationToken ct)
    {
        var (instance, acct) = Locate(account.Handle);
        LocalizableMessage what = $"Mastodon account @{acct} on {instance.Authority}";
        var accountId = account.PlatformAccountId ?? await LookupAsync(instance, acct, what, ct);
        var batch = new FetchBatch();
        var skipped = 0;

        var cursor = account.Cursor is { Length: > 0 }
            ? await WalkForwardAsync(instance, accountId, account.Cursor, what, batch, s => skipped += s, ct)
            : await WalkBackAsync(instance, accountId, what, batch, s => skipped += s, ct);

        if (skipped > 0)
        {
            Log.NotPublicSkipped(logger, "mastodon", acct, skipped);
        }

        if (batch.QuarantinedCount > 0)
        {
            Log.Quarantined(logger, "mastodon", acct, batch.QuarantinedCount);
        }

        // Deletions can only be seen on posts we already hold, so only polls after the first look for them.
        var liveWindow = account.Cursor is { Length: > 0 } ? await ReadLiveWindowAsync(instance, accountId, what, ct) : null;
        return batch.ToResult(cursor, accountId) with { LiveWindow = liveWindow };
    }

    /// <summary>
    /// One status by id from the instance the account is polled on (ids are the instance's own), for the parent of a
    /// flagged reply. Null when it is gone or not public.
    /// </summary>
    public async Task<FetchedPost?> FetchPostAsync(WatchedAccount account, string platformPostId, CancellationToken ct)
    {
        var (instance, _) = Locate(account.Handle);
        LocalizableMessage what = $"Mastodon status {platformPostId} on {instance.Authority}";
        using var response = await SendAsync(instance, $"api/v1/statuses/{Uri.EscapeDataString(platformPostId)}", ct);
        if (response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone
            or System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            return null;
        }
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        var raw = await response.Content.ReadAsStringAsync(ct);
        using var document = JsonDocument.Parse(raw);
        return MastodonMapper.IsPublic(document.RootElement) ? MastodonMapper.Map(document.RootElement, raw) : null;
    }

    /// <summary>
    /// The newest page lists every status the account still has in its time span (a short page does not prove there
    /// is nothing older: servers filter). A page that cannot be read completely gives no window: nothing is marked
    /// deleted on doubtful data.
    /// </summary>
    private async Task<LiveWindow?> ReadLiveWindowAsync(Uri instance, string accountId, LocalizableMessage what, CancellationToken ct)
    {
        using var response = await SendAsync(instance, StatusesPath(accountId), ct);
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var ids = new List<string>();
            var oldest = DateTimeOffset.MaxValue;
            foreach (var status in document.RootElement.EnumerateArray())
            {
                if (status.String("id") is not { } id
                    || !DateTimeOffset.TryParse(status.String("created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
                {
                    return null;
                }
                ids.Add(id);
                oldest = created < oldest ? created : oldest;
            }
            return ids.Count == 0 ? null : new LiveWindow(oldest, ids);
        }
    }

    // Each page is complete before min_id moves past it, so a failure later still leaves a safe cursor.
    private async Task<string> WalkForwardAsync(Uri instance, string accountId, string since, LocalizableMessage what,
        FetchBatch batch, Action<int> skipped, CancellationToken ct)
    {
        var cursor = since;
        for (var page = 0; page < settings.MaxPagesPerPoll; page++)
        {
            var items = await ReadPageAsync(instance, $"{StatusesPath(accountId)}&min_id={Uri.EscapeDataString(cursor)}", what, batch, skipped, ct);
            if (items is null)
            {
                break;
            }

            var newest = items.Newest;
            if (newest is null || NumericIdOrder.Instance.Compare(newest, cursor) <= 0)
            {
                break;
            }

            cursor = newest;
            if (items.Count < settings.PageSize)
            {
                break;
            }
        }

        return cursor;
    }

    // First poll: from the newest status backwards. The cursor is only set when every page read cleanly.
    private async Task<string?> WalkBackAsync(Uri instance, string accountId, LocalizableMessage what,
        FetchBatch batch, Action<int> skipped, CancellationToken ct)
    {
        string? newest = null;
        string? maxId = null;
        for (var page = 0; page < settings.MaxPagesPerPoll; page++)
        {
            var query = maxId is null ? StatusesPath(accountId) : $"{StatusesPath(accountId)}&max_id={Uri.EscapeDataString(maxId)}";
            var items = await ReadPageAsync(instance, query, what, batch, skipped, ct);
            if (items is null)
            {
                return null;
            }

            if (items.Oldest is null)
            {
                break;
            }

            newest = NumericIdOrder.Max(newest, items.Newest);
            maxId = items.Oldest;
            if (items.Count < settings.PageSize)
            {
                break;
            }
        }

        return newest;
    }

    private string StatusesPath(string accountId) =>
        $"api/v1/accounts/{Uri.EscapeDataString(accountId)}/statuses?limit={settings.PageSize}";

    /// <returns>The ids seen on the page, or null when the page body could not be read at all.</returns>
    private async Task<PageIds?> ReadPageAsync(Uri instance, string pathAndQuery, LocalizableMessage what,
        FetchBatch batch, Action<int> skipped, CancellationToken ct)
    {
        using var response = await SendAsync(instance, pathAndQuery, ct);
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        using var document = batch.ParsePage(body, what);
        if (document is null)
        {
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            batch.Quarantine(body, $"{what}: expected a JSON array of statuses, got {document.RootElement.ValueKind}");
            return null;
        }

        var ids = new PageIds();
        foreach (var status in document.RootElement.EnumerateArray())
        {
            ids.Count++;
            // Even an unreadable status moves the cursor past it: it is kept in quarantine, so nothing is lost.
            ids.Add(status.String("id"));
            var raw = status.GetRawText();
            if (!MastodonMapper.IsPublic(status))
            {
                skipped(1);
                continue;
            }

            batch.TryAdd(raw, () => MastodonMapper.Map(status, raw));
        }

        return ids;
    }

    private async Task<string> LookupAsync(Uri instance, string acct, LocalizableMessage what, CancellationToken ct)
    {
        using var response = await SendAsync(instance, $"api/v1/accounts/lookup?acct={Uri.EscapeDataString(acct)}", ct);
        await SourceResponses.EnsureSuccessAsync(response, what, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.Bool("suspended"))
            {
                throw new PermanentSourceException($"{what} is suspended");
            }

            return root.RequiredString("id");
        }
        catch (Exception e) when (e is JsonException or ItemFormatException)
        {
            throw new HttpRequestException($"{what}: unreadable account lookup answer ({e.Message})", e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri instance, string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // The token belongs to the configured instance only; it is never sent to an account's other home server.
        if (settings.AccessToken.Length > 0 && instance.Authority == settings.BaseUrl.Authority)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        }

        return await http.SendAsync(request, ct);
    }

    /// <summary>"@budi@host" → (https://host/, "budi") when asking home instances; otherwise the configured instance.</summary>
    internal (Uri Instance, string Acct) Locate(string handle)
    {
        var acct = handle.Trim().TrimStart('@');
        var at = acct.IndexOf('@', StringComparison.Ordinal);
        if (at > 0 && settings.ResolveHomeInstance && Uri.CheckHostName(acct[(at + 1)..]) != UriHostNameType.Unknown)
        {
            return (new Uri($"https://{acct[(at + 1)..]}/"), acct[..at]);
        }

        return (SourceUrls.WithTrailingSlash(settings.BaseUrl), acct);
    }

    private sealed class PageIds
    {
        public int Count { get; set; }
        public string? Newest { get; private set; }
        public string? Oldest { get; private set; }

        public void Add(string? id)
        {
            if (id is null)
            {
                return;
            }

            Newest = NumericIdOrder.Max(Newest, id);
            Oldest = Oldest is null || NumericIdOrder.Instance.Compare(id, Oldest) < 0 ? id : Oldest;
        }
    }
}
