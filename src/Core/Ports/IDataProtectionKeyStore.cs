namespace SocialWatch.Core.Ports;

/// <summary>
/// The console's ASP.NET Core data-protection keys (which sign and encrypt its cookies), kept in the database so every
/// node behind a load balancer reads a cookie another node wrote, and keys survive restarts.
/// </summary>
public interface IDataProtectionKeyStore
{
    /// <summary>Every stored key element, as the XML text data protection wrote, oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken ct = default);

    /// <summary>Stores one key element under its name; a name stored before is kept as it was.</summary>
    Task AddAsync(string name, string xml, DateTimeOffset at, CancellationToken ct = default);
}
