using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Testing;

/// <summary>Well-formed sample registry data, so tests state only what matters to them.</summary>
public static class SampleRegistry
{
    /// <summary>A valid NIP: born 1985-04-12, appointed 2010-03, male, sequence <paramref name="sequence"/> (1-999).</summary>
    public static Nip Nip(int sequence = 1) => Core.Domain.Nip.Parse($"198504122010031{sequence:000}");

    /// <summary>Registers an agency, a staff member in it and one account of theirs.</summary>
    public static async Task<(Agency Agency, StaffMember Staff, WatchedAccount Account)> AddAccountAsync(
        TempDatabase database, string agencyCode = "KOTAMAJU", int nipSequence = 1, Platform platform = Platform.Mastodon, string? handle = null)
    {
        var agencies = database.Get<IAgencyRepository>();
        var agency = await agencies.FindByCodeAsync(agencyCode) ?? await agencies.AddAsync(agencyCode, $"Pemerintah {agencyCode}");
        var staffRepository = database.Get<IStaffRepository>();
        var nip = Nip(nipSequence);
        var staff = await staffRepository.FindByNipAsync(nip)
            ?? await staffRepository.AddAsync(new NewStaffMember(nip, $"Pegawai {nipSequence}", "Analis", agency.Code));
        var account = await database.Get<IAccountRepository>().AddAsync(
            new NewAccount(platform, handle ?? $"pegawai{nipSequence}@{agencyCode.ToLowerInvariant()}.example", nip));
        return (agency, staff, account);
    }
}
