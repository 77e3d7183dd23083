using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>Watched accounts with their health: status, last poll, failures in a row and the last error.</summary>
public sealed class AccountsModel(IAccountRepository accounts, IStaffRepository staff, RegistryAdminService registry, IStringLocalizer<ConsoleText> text) : AdminPageModel
{
    public IReadOnlyList<WatchedAccount> Accounts { get; private set; } = [];

    public IReadOnlyDictionary<long, StaffMember> StaffById { get; private set; } = new Dictionary<long, StaffMember>();

    [BindProperty]
    public string? Platform { get; set; }

    [BindProperty]
    public string? Handle { get; set; }

    [BindProperty]
    public string? Nip { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ChangeAsync(async () =>
    {
        var account = await registry.AddAccountAsync(CurrentUser, Platform, Handle, Nip, ct);
        return text["Account {0} added.", account.Handle];
    }, ct);

    public Task<IActionResult> OnPostStatusAsync(long accountId, AccountStatus status, CancellationToken ct) => ChangeAsync(async () =>
        await registry.SetAccountStatusAsync(CurrentUser, accountId, status, ct)
            ? text["Account status changed."]
            : throw new DomainValidationException($"account {accountId} does not exist"), ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.ListAsync(null, null, ct);
        StaffById = (await staff.ListAsync(null, ct)).ToDictionary(s => s.Id);
    }
}
