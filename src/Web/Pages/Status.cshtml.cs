namespace SocialWatch.Web.Pages;

/// <summary>
/// What the reader sees instead of a bare status code. A flag of another agency and a flag that does not exist read
/// the same, so the page never tells that another agency's flag exists.
/// </summary>
public sealed class StatusModel : ConsolePageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        // Re-executed after the original response: keep its status; asked for directly, answer with the code shown.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        }
    }
}
