using Microsoft.AspNetCore.Authorization;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class IndexModel(DashboardService dashboard) : ConsolePageModel
{
    public Dashboard? Data { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Data = await dashboard.BuildAsync(CurrentUser, ct);
}
