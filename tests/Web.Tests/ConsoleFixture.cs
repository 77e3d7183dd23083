using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;
using SocialWatch.Testing;

namespace SocialWatch.Web.Tests;

/// <summary>
/// The Worker host over a real, migrated SQLite file, with two agencies, flags in each, and one user per role.
/// "KOTAMAJU" is agency A (officer-a and officer-a2 review it, supervisor-a supervises it), "DESASEJAHTERA" is agency B
/// (officer-b). Second review is on (the default), so a confirmation through the console waits for a second officer.
/// </summary>
public sealed partial class ConsoleFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public static readonly string[] Roles = ["admin", "officer-a", "auditor"];

    public TempDatabase Database { get; private set; } = null!;
    public ConsoleFactory Factory { get; private set; } = null!;
    public Agency AgencyA { get; private set; } = null!;
    public Agency AgencyB { get; private set; } = null!;
    /// <summary>An open flag of agency A that tests only read or add notes to.</summary>
    public long FlagA { get; private set; }
    /// <summary>An open flag of agency B: officer-a must never reach it.</summary>
    public long FlagB { get; private set; }
    /// <summary>A confirmed flag of agency A, for case reports.</summary>
    public long ConfirmedA { get; private set; }
    /// <summary>A confirmed flag of agency B.</summary>
    public long ConfirmedB { get; private set; }
    public long OfficerAId { get; private set; }
    /// <summary>A second officer of agency A, for second reviews.</summary>
    public long OfficerA2Id { get; private set; }
    public long SupervisorAId { get; private set; }
    private int postSequence;

    public async Task InitializeAsync()
    {
        Database = await TempDatabase.CreateAsync();
        var (agencyA, _, accountA) = await SampleRegistry.AddAccountAsync(Database, "KOTAMAJU", 1);
        var (agencyB, _, accountB) = await SampleRegistry.AddAccountAsync(Database, "DESASEJAHTERA", 2);
        AgencyA = agencyA;
        AgencyB = agencyB;

        var users = Database.Get<IUserRepository>();
        var hash = new PasswordHasher(PasswordHasher.MinimumIterations).Hash(Password);
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        await users.AddAsync("admin", "Admin Satu", "admin@kotamaju.example", Role.Admin, hash, [], at);
        await users.AddAsync("auditor", "Auditor Satu", "auditor@kotamaju.example", Role.Auditor, hash, [], at);
        OfficerAId = (await users.AddAsync("officer-a", "Petugas A", "a@kotamaju.example", Role.Officer, hash, [agencyA.Id], at)).Id;
        await users.AddAsync("officer-b", "Petugas B", "b@desa.example", Role.Officer, hash, [agencyB.Id], at);
        OfficerA2Id = (await users.AddAsync("officer-a2", "Petugas A Dua", "a2@kotamaju.example", Role.Officer, hash, [agencyA.Id], at)).Id;
        SupervisorAId = (await users.AddAsync("supervisor-a", "Supervisor A", "sa@kotamaju.example", Role.Supervisor, hash, [agencyA.Id], at)).Id;

        FlagA = await AddFlagAsync(accountA.Id, "Ayo dukung paslon 02 di Pilpres!", Label.Endorse);
        FlagB = await AddFlagAsync(accountB.Id, "Coblos nomor 01, demi perubahan!", Label.Campaign);
        ConfirmedA = await AddFlagAsync(accountA.Id, "Pilih 03 ya kawan", Label.Endorse);
        ConfirmedB = await AddFlagAsync(accountB.Id, "Pilih 01 ya kawan", Label.Endorse);
        var flags = Database.Get<IFlagRepository>();
        await flags.RecordDecisionAsync(ConfirmedA, OfficerAId, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "jelas kampanye", at);
        await flags.RecordDecisionAsync(ConfirmedB, OfficerAId + 1, DecisionKind.Confirm, ViolationCategory.OnlineCampaign, "jelas kampanye", at);

        Factory = new ConsoleFactory(Database.DataDirectory);
    }

    /// <summary>Stores a post of the account, classifies it and flags it; returns the flag id.</summary>
    public async Task<long> AddFlagAsync(long accountId, string text, Label label, string? url = null, IReadOnlyList<Signal>? signals = null, DateTimeOffset? flaggedAt = null)
    {
        var id = Interlocked.Increment(ref postSequence);
        var fetched = SamplePosts.Fetched($"p{id}", text, createdAt: new DateTimeOffset(2024, 2, 1, 3, 0, 0, TimeSpan.Zero).AddMinutes(id));
        if (url is not null)
        {
            fetched = fetched with { Url = url };
        }
        var at = flaggedAt ?? new DateTimeOffset(2024, 2, 1, 4, 0, 0, TimeSpan.Zero).AddMinutes(id);
        var stored = await Database.Get<IPostRepository>().StoreAsync(accountId, fetched, at);
        var result = SamplePosts.Classified(label);
        if (signals is not null)
        {
            result = result with { Signals = signals };
        }
        var classification = await Database.Get<IClassificationRepository>().SaveAsync(stored.Post.Id, stored.Post.Version, result, at);
        var (flag, _) = await Database.Get<IFlagRepository>().CreateIfAbsentAsync(stored.Post.Id, classification.Id, label, 0.9, at);
        return flag.Id;
    }

    public async Task<long> AccountOfAgencyAAsync() =>
        (await Database.Get<IAccountRepository>().ListAsync()).First(a => a.Handle.Contains("kotamaju", StringComparison.Ordinal)).Id;

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = Anonymous();
        var response = await PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = userName, ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Reads the antiforgery token from <paramref name="pagePath"/> and posts the form with it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string actionPath, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(actionPath, new FormUrlEncodedContent(fields));
    }

    /// <summary>As <see cref="PostFormAsync(HttpClient, string, string, Dictionary{string, string})"/>, for forms that repeat a field (the queue's ticked ids).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string actionPath, IEnumerable<KeyValuePair<string, string>> fields) =>
        await client.PostAsync(actionPath, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", await AntiforgeryTokenAsync(client, pagePath))]));

    /// <summary>The antiforgery token of a page the client may open (the sign-in page for an anonymous visitor).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pagePath)
    {
        var token = TokenField().Match(await client.GetStringAsync(pagePath));
        Assert.True(token.Success, $"no antiforgery token on {pagePath}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>
    /// Checks a response against a route matrix's expectation: a status code, "signin" (a redirect to the sign-in
    /// page) or "denied" (a redirect to the not-allowed page).
    /// </summary>
    public static void AssertOutcome(string expected, HttpResponseMessage response, string what)
    {
        if (expected is "signin" or "denied")
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: expected a redirect to /{expected}, got {(int)response.StatusCode}");
            var location = response.Headers.Location!;
            Assert.StartsWith("/" + expected, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
            return;
        }
        Assert.True(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture) == (int)response.StatusCode, $"{what}: expected {expected}, got {(int)response.StatusCode}");
    }

    /// <summary>The header-based token the JSON API wants for unsafe methods.</summary>
    public static async Task<string> ApiTokenAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/antiforgery");
        return json.GetProperty("token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>The real Worker entry point, pointed at the fixture's database, with any further settings over the defaults.</summary>
public sealed class ConsoleFactory(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration
            .AddInMemoryCollection(TempDatabase.ConfigurationFor(dataDirectory))
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleTestGroup : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
