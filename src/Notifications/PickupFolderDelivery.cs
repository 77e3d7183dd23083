using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace SocialWatch.Notifications;

/// <summary>
/// The embedded default: every message becomes {hash of its Message-ID}.eml in the folder, written beside it first and
/// then moved in, so a reader never sees half a file and a re-sent message replaces its earlier copy.
/// </summary>
public sealed class PickupFolderDelivery(string folder) : IMailDelivery
{
    public async Task DeliverAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var messageId = message.MessageId ?? throw new ArgumentException("a message for the pickup folder needs a Message-ID", nameof(message));
        // Message-IDs may hold characters file names may not; their hash is a safe, stable name.
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32];
        var path = Path.Combine(folder, name + ".eml");
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
    }
}
