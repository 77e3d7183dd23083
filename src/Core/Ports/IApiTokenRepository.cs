using SocialWatch.Core.Domain;

namespace SocialWatch.Core.Ports;

/// <summary>API tokens, stored by their hash (<see cref="Security.ApiTokenSecret.Hash"/>); the token itself never reaches the database.</summary>
public interface IApiTokenRepository
{
    /// <exception cref="DomainValidationException">No such user, or a blank name.</exception>
    Task<ApiToken> AddAsync(long userId, string name, string tokenHash, string createdBy, DateTimeOffset at, DateTimeOffset? expiresAt, CancellationToken ct = default);

    /// <summary>The token with this hash, revoked or expired ones included (the caller decides), with its user id.</summary>
    Task<ApiToken?> FindByHashAsync(string tokenHash, CancellationToken ct = default);

    Task<ApiToken?> GetAsync(long id, CancellationToken ct = default);

    /// <summary>A user's tokens, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListByUserAsync(long userId, CancellationToken ct = default);

    /// <returns>False when the token does not exist or was already revoked.</returns>
    Task<bool> RevokeAsync(long id, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Records a use; written at most once a minute per token, so reads do not become writes.</summary>
    Task TouchAsync(long id, DateTimeOffset at, CancellationToken ct = default);
}
