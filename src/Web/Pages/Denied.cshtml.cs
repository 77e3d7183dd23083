namespace SocialWatch.Web.Pages;

public sealed class DeniedModel : ConsolePageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
