using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Web.Rendering;
using SocialWatch.Web.Security;

namespace SocialWatch.Web.Pages;

/// <summary>What every signed-in page needs: the current user, and an error line for input the user can fix.</summary>
public abstract class ConsolePageModel : PageModel
{
    public ConsoleUser CurrentUser => ConsoleUser.From(User);

    /// <summary>A message for input the user can correct, shown above the form.</summary>
    public string? Error { get; set; }

    /// <summary>A message (a broken rule, a failure), in the reader's language.</summary>
    protected string Explain(LocalizableMessage message) =>
        HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ConsoleText>>().Localize(message);

    /// <summary>A confirmation after a change, carried across the redirect.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }
}
