using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using SocialWatch.Classifier.Features;
using SocialWatch.Classifier.Text;

namespace SocialWatch.Classifier.Model;

/// <summary>A model file that is missing, not a model, trained for something else, or corrupt.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string message) : base(message) { }
    public ModelFileException(string message, Exception innerException) : base(message, innerException) { }
    public ModelFileException() { }
}

/// <summary>A trained model before it is written: the ML.NET chain and what the zip stores beside it.</summary>
public sealed record TrainedModel(MLContext Context, ITransformer Transformer, DataViewSchema InputSchema, ModelManifest Manifest, SlangTable Slang, IReadOnlyList<string> Vocabulary);

/// <summary>
/// The model zip: what <c>MLContext.Model.Save</c> writes (the featuriser transform by contract name, then the
/// trained linear model), plus <c>socialwatch/manifest.json</c>, <c>socialwatch/slang.tsv</c> and
/// <c>socialwatch/vocabulary.txt</c> (the normaliser's resources, so training and serving normalise alike).
/// Entries get a fixed timestamp, so the same model always has the same bytes and the same version (the file's hash).
/// </summary>
public static class ModelPackage
{
    public const string ManifestEntry = "socialwatch/manifest.json";
    public const string SlangEntry = "socialwatch/slang.tsv";
    public const string VocabularyEntry = "socialwatch/vocabulary.txt";

    /// <summary>What every model error tells the user to run.</summary>
    public const string TrainCommand = "socialwatch model train --data data/training --heldout data/heldout --out models/classifier.zip";

    private static readonly DateTimeOffset EntryTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first bytes of the hand-made model files of earlier releases (.swm).</summary>
    private static readonly byte[] LegacyMagic = "SWCLFMDL"u8.ToArray();

    /// <summary>How the manifest is written: camel case, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static byte[] Serialize(TrainedModel model)
    {
        using var saved = new MemoryStream();
        model.Context.Model.Save(model.Transformer, model.InputSchema, saved);
        saved.Position = 0;
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries)
            {
                entries[entry.FullName] = ReadEntry(entry);
            }
        }
        entries[SlangEntry] = Encoding.UTF8.GetBytes(string.Concat(model.Slang.Entries.Select(e => e.Key + "\t" + e.Value + "\n")));
        entries[VocabularyEntry] = Encoding.UTF8.GetBytes(string.Concat(model.Vocabulary.Select(w => w + "\n")));
        var manifest = model.Manifest with { Entries = entries.ToDictionary(e => e.Key, e => Hash(e.Value), StringComparer.Ordinal) };
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(target, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
            foreach (var (name, bytes) in entries)
            {
                Add(target, name, bytes);
            }
        }
        return output.ToArray();
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    /// <summary>Writes beside, then moves: a crash mid-write never leaves half a model under the configured name.</summary>
    public static void Write(byte[] bytes, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The model version stored with every classification: <c>mlnet-</c> and the first 12 hex digits of the zip's SHA-256.</summary>
    public static string VersionOf(byte[] bytes) => "mlnet-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];

    /// <exception cref="ModelFileException">Missing, unreadable, an old hand-made model, or not a model zip; the message names the file.</exception>
    public static byte[] ReadBytes(string path)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileException($"classifier model file '{fullPath}' does not exist (train one with '{TrainCommand}' or set Classifier:ModelPath)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"classifier model file '{fullPath}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Opens the zip and reads the SocialWatch entries; the ML.NET part is loaded by <see cref="ClassifierModel"/>.</summary>
    public static (ModelManifest Manifest, SlangTable Slang, string[] Vocabulary) ReadResources(byte[] bytes, string source)
    {
        if (bytes.AsSpan().StartsWith(LegacyMagic))
        {
            throw new ModelFileException($"classifier model file '{source}' is a hand-made model of an earlier release, which this build no longer reads; train an ML.NET model with '{TrainCommand}' and point Classifier:ModelPath at it");
        }
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var manifestEntry = archive.GetEntry(ManifestEntry)
                ?? throw new ModelFileException($"'{source}' is not a SocialWatch classifier model (no {ManifestEntry}); train one with '{TrainCommand}'");
            var manifest = JsonSerializer.Deserialize<ModelManifest>(ReadEntry(manifestEntry), Json)
                ?? throw new ModelFileException($"classifier model file '{source}' has an empty manifest");
            var names = archive.Entries.Select(e => e.FullName).Where(n => n != ManifestEntry).ToHashSet(StringComparer.Ordinal);
            if (!names.SetEquals(manifest.Entries.Keys) || archive.Entries.Any(e => e.FullName != ManifestEntry && Hash(ReadEntry(e)) != manifest.Entries[e.FullName]))
            {
                throw new ModelFileException($"classifier model file '{source}' is corrupt (checksum mismatch); restore it or train it again with '{TrainCommand}'");
            }
            var slang = new SlangTable(Encoding.UTF8.GetString(ReadEntry(Require(archive, SlangEntry, source)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split('\t', 2))
                .Select(parts => parts.Length == 2 ? KeyValuePair.Create(parts[0], parts[1]) : throw new InvalidDataException($"{SlangEntry} has a line without a tab")));
            var vocabulary = Encoding.UTF8.GetString(ReadEntry(Require(archive, VocabularyEntry, source))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (manifest, slang, vocabulary);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or NotSupportedException)
        {
            throw new ModelFileException($"classifier model file '{source}' is corrupt: {ex.Message}", ex);
        }
    }

    private static ZipArchiveEntry Require(ZipArchive archive, string name, string source) =>
        archive.GetEntry(name) ?? throw new ModelFileException($"classifier model file '{source}' is incomplete (no {name}); train it again with '{TrainCommand}'");

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
