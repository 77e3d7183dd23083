using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;

namespace SocialWatch.Web.Pages.Admin;

public sealed class AgenciesModel(IAgencyRepository agencies, RegistryAdminService registry, IStringLocalizer<ConsoleText> text) : AdminPageModel
{
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ChangeAsync(async () =>
    {
        var agency = await registry.AddAgencyAsync(CurrentUser, Code, Name, ct);
        return text["Agency {0} added.", agency.Code];
    }, ct);

    protected override async Task LoadAsync(CancellationToken ct) => Agencies = await agencies.ListAsync(ct);
}
