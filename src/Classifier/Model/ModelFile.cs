using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using SocialWatch.Classifier.Text;
using SocialWatch.Core.Domain;

namespace SocialWatch.Classifier.Model;

/// <summary>A model file that is missing, not a model, of an unknown format version, or corrupt.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string message) : base(message) { }
    public ModelFileException(string message, Exception innerException) : base(message, innerException) { }
    public ModelFileException() { }
}

/// <summary>
/// The binary model format. Layout (little-endian; strings are BinaryWriter's length-prefixed UTF-8):
/// magic "SWCLFMDL", format version (uint16), model version, training-data SHA-256 (hex), row count, label counts,
/// training settings, temperature, slang table, vocabulary, weights (float32, bucket-major), biases, and finally
/// the SHA-256 of every byte before it, so truncation or a flipped bit is detected on load.
/// The bytes depend only on the model's content: no timestamps, no dictionary iteration order.
/// </summary>
public static class ModelFile
{
    private static readonly byte[] Magic = "SWCLFMDL"u8.ToArray();
    public const ushort FormatVersion = 1;
    private const int ChecksumLength = 32;

    public static byte[] Serialize(ClassifierModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(model.Version);
            writer.Write(model.Data.Sha256);
            writer.Write(model.Data.Rows);
            foreach (var label in LabelNames.All)
            {
                writer.Write(model.Data.LabelCounts.GetValueOrDefault(label));
            }
            var settings = model.Settings;
            writer.Write(settings.HashBits);
            writer.Write(settings.Epochs);
            writer.Write(settings.LearningRate);
            writer.Write(settings.L2);
            writer.Write(settings.Seed);
            writer.Write(settings.CalibrationFolds);
            writer.Write(settings.CharGramWeight);
            writer.Write(model.Temperature);
            var slang = model.Slang.Entries.ToList();
            writer.Write(slang.Count);
            foreach (var (informal, formal) in slang)
            {
                writer.Write(informal);
                writer.Write(formal);
            }
            writer.Write(model.Vocabulary.Count);
            foreach (var word in model.Vocabulary)
            {
                writer.Write(word);
            }
            writer.Write(MemoryMarshal.AsBytes(model.Weights));
            writer.Write(MemoryMarshal.AsBytes(model.Bias));
        }
        var body = stream.ToArray();
        return [.. body, .. SHA256.HashData(body)];
    }

    public static void Write(ClassifierModel model, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        // Write beside, then move: a crash mid-write never leaves a half model under the configured name.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, Serialize(model));
        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="ModelFileException">The file is missing, unreadable, not a model, or corrupt; the message names the file.</exception>
    public static ClassifierModel Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileException($"classifier model file '{fullPath}' does not exist (train one with 'socialwatch model train' or set Classifier:ModelPath)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"classifier model file '{fullPath}' cannot be read: {ex.Message}", ex);
        }
        return Deserialize(bytes, fullPath);
    }

    public static ClassifierModel Deserialize(byte[] bytes, string source)
    {
        if (bytes.Length < Magic.Length + ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ModelFileException($"'{source}' is not a SocialWatch classifier model (bad header)");
        }
        var body = bytes.AsSpan(0, bytes.Length - ChecksumLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
        {
            throw new ModelFileException($"classifier model file '{source}' is corrupt (checksum mismatch); restore it or train it again");
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            var format = reader.ReadUInt16();
            if (format != FormatVersion)
            {
                throw new ModelFileException($"classifier model file '{source}' has format version {format}; this build reads version {FormatVersion}");
            }
            var version = reader.ReadString();
            var sha = reader.ReadString();
            var rows = reader.ReadInt32();
            var counts = LabelNames.All.ToDictionary(label => label, _ => reader.ReadInt32());
            var settings = new TrainingSettings
            {
                HashBits = reader.ReadInt32(),
                Epochs = reader.ReadInt32(),
                LearningRate = reader.ReadDouble(),
                L2 = reader.ReadDouble(),
                Seed = reader.ReadUInt64(),
                CalibrationFolds = reader.ReadInt32(),
                CharGramWeight = reader.ReadDouble(),
            };
            if (settings.HashBits is < 10 or > 24)
            {
                throw new ModelFileException($"classifier model file '{source}' declares {settings.HashBits} hash bits");
            }
            var temperature = reader.ReadDouble();
            var slangCount = reader.ReadInt32();
            var slang = new List<KeyValuePair<string, string>>(slangCount);
            for (var i = 0; i < slangCount; i++)
            {
                slang.Add(KeyValuePair.Create(reader.ReadString(), reader.ReadString()));
            }
            var vocabularyCount = reader.ReadInt32();
            var vocabulary = new string[vocabularyCount];
            for (var i = 0; i < vocabularyCount; i++)
            {
                vocabulary[i] = reader.ReadString();
            }
            var weights = new float[(1 << settings.HashBits) * ClassifierModel.LabelCount];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan()));
            var bias = new float[ClassifierModel.LabelCount];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(bias.AsSpan()));
            if (reader.BaseStream.Position != body.Length)
            {
                throw new ModelFileException($"classifier model file '{source}' has unexpected trailing bytes");
            }
            return new ClassifierModel(version, new TrainingDataSummary(sha, rows, counts), settings, temperature, new SlangTable(slang), vocabulary, weights, bias);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException)
        {
            throw new ModelFileException($"classifier model file '{source}' is corrupt: {ex.Message}", ex);
        }
    }
}
