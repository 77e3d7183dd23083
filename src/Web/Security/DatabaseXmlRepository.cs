using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using SocialWatch.Core.Ports;

namespace SocialWatch.Web.Security;

/// <summary>
/// Data protection's key ring in the database (<see cref="IDataProtectionKeyStore"/>), so a cookie signed on one
/// node is read on every other. Data protection calls this synchronously and rarely (it caches the ring). The store is
/// resolved on first use: data protection builds its key manager while the host is built, before the storage settings
/// are validated and reported.
/// </summary>
internal sealed class DatabaseXmlRepository(IServiceProvider services) : IXmlRepository
{
    private IDataProtectionKeyStore Keys => services.GetRequiredService<IDataProtectionKeyStore>();

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Keys.ListAsync().GetAwaiter().GetResult().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        Keys.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), services.GetRequiredService<TimeProvider>().GetUtcNow()).GetAwaiter().GetResult();
}
