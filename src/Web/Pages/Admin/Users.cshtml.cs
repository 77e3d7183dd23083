using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;
using SocialWatch.Web.Review;

namespace SocialWatch.Web.Pages.Admin;

/// <summary>Console users. They are created with `socialwatch users add`; here admins see them and (de)activate them.</summary>
public sealed class UsersModel(IUserRepository users, IAgencyRepository agencies, RegistryAdminService registry, IStringLocalizer<ConsoleText> text) : AdminPageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    public IReadOnlyDictionary<long, Agency> AgenciesById { get; private set; } = new Dictionary<long, Agency>();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostActiveAsync(long userId, bool active, CancellationToken ct) => ChangeAsync(async () =>
        await registry.SetUserActiveAsync(CurrentUser, userId, active, ct)
            ? text["User updated."]
            : throw new DomainValidationException($"user {userId} does not exist"), ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(null, ct);
        AgenciesById = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id);
    }
}
