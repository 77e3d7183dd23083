using Microsoft.AspNetCore.Authorization;
using SocialWatch.Core.Review;
using SocialWatch.Web.Review;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

[Authorize(Policy = ConsolePolicies.ReadFlags)]
public sealed class IndexModel(DashboardService dashboard, ReviewQualityService quality) : ConsolePageModel
{
    public Dashboard? Data { get; private set; }

    /// <summary>Confirm and dismiss rates and time to decision over every decision the user may see.</summary>
    public ReviewQuality? Quality { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await dashboard.BuildAsync(CurrentUser, ct);
        Quality = await quality.BuildAsync(CurrentUser, null, null, null, ct);
    }
}
