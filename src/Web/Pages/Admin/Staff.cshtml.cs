using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;

namespace SocialWatch.Web.Pages.Admin;

public sealed class StaffModel(IStaffRepository staff, IAgencyRepository agencies, RegistryAdminService registry, IStringLocalizer<ConsoleText> text) : AdminPageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    public IReadOnlyDictionary<long, Agency> AgenciesById { get; private set; } = new Dictionary<long, Agency>();

    [BindProperty]
    public string? Nip { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Position { get; set; }

    [BindProperty]
    public string? AgencyCode { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ChangeAsync(async () =>
    {
        var member = await registry.AddStaffAsync(CurrentUser, Nip, Name, Position, AgencyCode, ct);
        return text["{0} added.", member.Name];
    }, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Members = await staff.ListAsync(null, ct);
        AgenciesById = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id);
    }
}
