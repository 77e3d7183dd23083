using System.Net;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Core.Security;

namespace SocialWatch.Web.Tests;

[Collection(ConsoleTestGroup.Name)]
public sealed class SignInAndAuditTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var userName = "lock-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Database.Get<IUserRepository>().AddAsync(userName, "Dikunci", "lock@kotamaju.example", Role.Auditor,
            new PasswordHasher(PasswordHasher.MinimumIterations).Hash(ConsoleFixture.Password), [], DateTimeOffset.UnixEpoch);
        using var client = fixture.Anonymous();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = userName, ["password"] = "wrong password " + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var right = await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = userName, ["password"] = ConsoleFixture.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var user = await fixture.Database.Get<IUserRepository>().FindByUserNameAsync(userName);
        Assert.NotNull(user!.LockedUntil);
        var failures = await fixture.Database.Get<IAuditLog>().QueryAsync(null, null, userName, "signin.failed", 0, 100);
        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, e => e.Details!.Contains("locked until", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_users_and_deactivated_users_cannot_sign_in()
    {
        using var client = fixture.Anonymous();
        var unknown = await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = "nobody-here", ["password"] = ConsoleFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        var userName = "gone-" + Guid.NewGuid().ToString("N")[..8];
        var users = fixture.Database.Get<IUserRepository>();
        var user = await users.AddAsync(userName, "Nonaktif", "gone@kotamaju.example", Role.Auditor,
            new PasswordHasher(PasswordHasher.MinimumIterations).Hash(ConsoleFixture.Password), [], DateTimeOffset.UnixEpoch);
        using var signedIn = await fixture.SignedInAsync(userName);
        await users.SetActiveAsync(user.Id, false);

        // The cookie is re-checked against the user table on every request.
        var afterDeactivation = await signedIn.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.Redirect, afterDeactivation.StatusCode);
        var again = await ConsoleFixture.PostFormAsync(client, "/signin", "/signin", new() { ["userName"] = userName, ["password"] = ConsoleFixture.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Sign_ins_views_decisions_and_registry_changes_are_audited_with_who()
    {
        var account = await fixture.AccountOfAgencyAAsync();
        var flagId = await fixture.AddFlagAsync(account, "Mari menangkan paslon nomor 2", Label.Endorse);
        using var officer = await fixture.SignedInAsync("officer-a");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/flags/{flagId}")).StatusCode);
        var confirm = await ConsoleFixture.PostFormAsync(officer, $"/flags/{flagId}", $"/flags/{flagId}?handler=Confirm",
            new() { ["category"] = "OnlineCampaign", ["reason"] = "ajakan memilih paslon" });
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        using var second = await fixture.SignedInAsync("officer-a2");
        var agree = await ConsoleFixture.PostFormAsync(second, $"/flags/{flagId}", $"/flags/{flagId}?handler=Agree", new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, agree.StatusCode);
        using var admin = await fixture.SignedInAsync("admin");
        var code = "AUD" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await ConsoleFixture.PostFormAsync(admin, "/admin/agencies", "/admin/agencies", new() { ["code"] = code, ["name"] = "Instansi Audit" });

        var audit = fixture.Database.Get<IAuditLog>();
        var subject = $"flag:{flagId}";
        var entries = await audit.QueryAsync(null, null, null, null, 0, 10_000);
        Assert.Contains(entries, e => e.Actor == "officer-a" && e.Action == "signin.succeeded");
        Assert.Contains(entries, e => e.Actor == "officer-a" && e.Action == "flag.viewed" && e.Subject == subject);
        Assert.Contains(entries, e => e.Actor == "officer-a" && e.Action == "flag.confirm" && e.Subject == subject && e.Details!.Contains("ajakan memilih paslon", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Actor == "officer-a2" && e.Action == "flag.agree" && e.Subject == subject);
        Assert.Contains(entries, e => e.Actor == "admin" && e.Action == "agency.add" && e.Subject == "agency:" + code);

        var detail = (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(flagId))!;
        Assert.Equal(FlagStatus.Confirmed, detail.Flag.Status);
        Assert.Equal([DecisionKind.Confirm, DecisionKind.Agree], detail.History.Select(h => h.Kind));
        var decision = detail.History[0];
        Assert.Equal(ViolationCategory.OnlineCampaign, decision.Category);
        Assert.Equal(fixture.OfficerAId, decision.UserId);
        Assert.Equal(fixture.OfficerA2Id, detail.History[1].UserId);

        var report = await officer.GetStringAsync($"/flags/{flagId}/report");
        Assert.Contains(detail.Post.RawSha256, report, StringComparison.Ordinal);
        Assert.Contains("ajakan memilih paslon", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_needs_a_category_and_a_reason_and_a_closed_flag_stays_closed()
    {
        var account = await fixture.AccountOfAgencyAAsync();
        var flagId = await fixture.AddFlagAsync(account, "Dukung calon kita", Label.Endorse);
        using var officer = await fixture.SignedInAsync("officer-a");

        var noReason = await ConsoleFixture.PostFormAsync(officer, $"/flags/{flagId}", $"/flags/{flagId}?handler=Confirm", new() { ["category"] = "OnlineCampaign", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var noCategory = await ConsoleFixture.PostFormAsync(officer, $"/flags/{flagId}", $"/flags/{flagId}?handler=Confirm", new() { ["reason"] = "alasan" });
        Assert.Equal(HttpStatusCode.BadRequest, noCategory.StatusCode);
        var dismiss = await ConsoleFixture.PostFormAsync(officer, $"/flags/{flagId}", $"/flags/{flagId}?handler=Dismiss", new() { ["reason"] = "hanya ucapan" });
        Assert.Equal(HttpStatusCode.Redirect, dismiss.StatusCode);
        var confirmAfter = await ConsoleFixture.PostFormAsync(officer, $"/flags/{flagId}", $"/flags/{flagId}?handler=Confirm", new() { ["category"] = "OnlineCampaign", ["reason"] = "berubah pikiran" });
        Assert.Equal(HttpStatusCode.BadRequest, confirmAfter.StatusCode);

        var detail = (await fixture.Database.Get<IFlagRepository>().GetDetailAsync(flagId))!;
        Assert.Equal(FlagStatus.Dismissed, detail.Flag.Status);
        Assert.Equal(DecisionKind.Dismiss, Assert.Single(detail.History).Kind);
    }

    [Fact]
    public async Task The_console_speaks_Indonesian_by_default_and_English_on_request()
    {
        using var client = await fixture.SignedInAsync("auditor");
        Assert.Contains("Antrean tinjauan", await client.GetStringAsync("/queue"), StringComparison.Ordinal);

        var switched = await ConsoleFixture.PostFormAsync(client, "/queue", "/culture", new() { ["culture"] = "en", ["returnUrl"] = "/queue" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Review queue", await client.GetStringAsync("/queue"), StringComparison.Ordinal);

        var offsite = await ConsoleFixture.PostFormAsync(client, "/queue", "/culture", new() { ["culture"] = "id", ["returnUrl"] = "//evil.example/" });
        Assert.Equal("/", offsite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_audit_page_filters_by_an_action_from_the_list_and_can_hide_flag_views()
    {
        using var officer = await fixture.SignedInAsync("officer-a");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/flags/{fixture.FlagA}")).StatusCode);
        using var auditor = await fixture.SignedInAsync("auditor");

        var all = await auditor.GetStringAsync("/audit?actor=officer-a");
        var hidden = await auditor.GetStringAsync("/audit?actor=officer-a&hideViews=true");
        var signIns = await auditor.GetStringAsync("/audit?action=signin.succeeded");

        Assert.Contains("<code>flag.viewed</code>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>flag.viewed</code>", hidden, StringComparison.Ordinal);
        Assert.Contains("<code>signin.succeeded</code>", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>flag.viewed</code>", signIns, StringComparison.Ordinal);
        foreach (var action in new[] { AuditActions.UserPasswordSet, AuditActions.SamplesSeeded, AuditActions.AccountStatusChanged, "flag.dismiss" })
        {
            Assert.Contains($"<option value=\"{action}\">{action}</option>", all, StringComparison.Ordinal);
        }
        Assert.Contains("<option value=\"signin.succeeded\" selected=\"selected\">", signIns, StringComparison.Ordinal);
    }
}
