using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Training;

/// <summary>One row of a training or evaluation file: JSONL with at least <c>text</c> and <c>label</c> (other fields ignored).</summary>
public sealed record LabelledPost(string Id, string Text, Label Label);

/// <summary>Reads labelled JSONL files and fingerprints them.</summary>
public static class LabelledPostReader
{
    /// <summary>Every <c>*.jsonl</c> of a directory (ordinal name order), or the one file named.</summary>
    public static IReadOnlyList<string> ResolveFiles(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.jsonl").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).ToArray();
            return files.Length > 0 ? files : throw new DomainValidationException($"no *.jsonl files in '{Path.GetFullPath(path)}'");
        }
        throw new DomainValidationException($"'{Path.GetFullPath(path)}' is neither a file nor a directory");
    }

    /// <exception cref="DomainValidationException">A row is not JSON or lacks text/label; the message names file and line.</exception>
    public static List<LabelledPost> Read(IReadOnlyList<string> files)
    {
        var posts = new List<LabelledPost>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                try
                {
                    using var document = JsonDocument.Parse(line);
                    var root = document.RootElement;
                    var text = root.GetProperty("text").GetString() ?? throw new DomainValidationException("'text' is null");
                    var label = LabelNames.Parse(root.GetProperty("label").GetString());
                    var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : $"{Path.GetFileName(file)}:{lineNumber}";
                    posts.Add(new LabelledPost(id, text, label));
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or DomainValidationException)
                {
                    throw new DomainValidationException($"{file}: line {lineNumber}: {ex.Message}", ex);
                }
            }
        }
        return posts;
    }

    /// <summary>SHA-256 over each file's name and bytes, in order: the model card's training-data hash.</summary>
    public static string Fingerprint(IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
