using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using SocialWatch.Classifier;
using SocialWatch.Core.Domain;

namespace SocialWatch.Cli;

/// <summary>
/// `socialwatch classify [--input FILE]`: JSONL in (<c>{"id": ..., "text": ...}</c>), one JSONL verdict out per line.
/// A line that cannot be read yields an error line for that line, and the run goes on; invalid UTF-8 is replaced,
/// not rejected, so one bad byte never loses a post.
/// </summary>
public static class ClassifyCommand
{
    /// <summary>Lines above this are answered with an error line rather than read into memory.</summary>
    private const int MaxLineBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Lines are answered in batches: classified on all cores (the classifier is thread-safe), then written in input
    /// order with one write per batch, since one console write per line would dominate the run.
    /// </summary>
    private const int BatchSize = 1024;

    public static Command Create(CliContext context)
    {
        var input = new Option<string?>("--input") { Description = "JSONL file to classify (default: standard input)." };
        var modelPath = new Option<string?>("--model") { Description = "Model zip (default: Classifier:ModelPath)." };
        var command = new Command("classify", "Classify posts: JSONL in, one JSONL verdict (label, flag, scores, signals) out per line.") { input, modelPath };
        command.SetAction(async (parseResult, ct) =>
        {
            var path = parseResult.GetValue(input);
            if (path is not null && !File.Exists(path))
            {
                throw new CliUserException($"input file '{Path.GetFullPath(path)}' does not exist");
            }
            using var own = parseResult.GetValue(modelPath) is { } model
                ? ModelCommands.Guard(() => PostClassifier.Load(context.Get<IOptions<ClassifierOptions>>().Value.WithModel(model)))
                : null;
            var classifier = own ?? ModelCommands.Guard(() => context.Get<PostClassifier>());
            await using var stream = path is null ? Console.OpenStandardInput() : File.OpenRead(path);
            // On the real console, write UTF-8 bytes straight to stdout: re-encoding hundreds of megabytes of
            // answers through Console.Out would cost more than classifying them. Tests pass their own writer.
            await using var stdout = ReferenceEquals(context.Out, Console.Out) ? Console.OpenStandardOutput() : null;
            var batch = new List<(InputLine Line, int Number)>(BatchSize);
            var lineNumber = 0;
            await foreach (var line in ReadLines(stream, ct))
            {
                lineNumber++;
                if (line.Bytes is { Length: 0 } && !line.TooLong)
                {
                    continue;
                }
                batch.Add((line, lineNumber));
                if (batch.Count == BatchSize)
                {
                    await WriteAsync(AnswerBatch(classifier, batch), context.Out, stdout, ct);
                    batch.Clear();
                }
            }
            await WriteAsync(AnswerBatch(classifier, batch), context.Out, stdout, ct);
            return 0;
        });
        return command;
    }

    private static byte[][] AnswerBatch(PostClassifier classifier, List<(InputLine Line, int Number)> batch)
    {
        var answers = new byte[batch.Count][];
        Parallel.For(0, batch.Count, () => new JsonLines(), (i, _, lines) =>
        {
            Answer(classifier, batch[i].Line, batch[i].Number, lines);
            answers[i] = lines.Take();
            return lines;
        }, lines => lines.Dispose());
        return answers;
    }

    private static async Task WriteAsync(byte[][] answers, TextWriter writer, Stream? stdout, CancellationToken ct)
    {
        if (answers.Length == 0)
        {
            return;
        }
        var bytes = new byte[answers.Sum(a => a.Length)];
        var offset = 0;
        foreach (var answer in answers)
        {
            answer.CopyTo(bytes, offset);
            offset += answer.Length;
        }
        if (stdout is not null)
        {
            await stdout.WriteAsync(bytes, ct);
            await stdout.FlushAsync(ct);
        }
        else
        {
            await writer.WriteAsync(Encoding.UTF8.GetString(bytes));
            await writer.FlushAsync(ct);
        }
    }

    private static void Answer(PostClassifier classifier, InputLine line, int lineNumber, JsonLines output)
    {
        if (line.TooLong)
        {
            output.Error(lineNumber, null, $"line is longer than {MaxLineBytes / (1024 * 1024)} MB");
            return;
        }
        // Invalid UTF-8 is replaced (U+FFFD), not rejected: the post is still classified.
        var bytes = Utf8.IsValid(line.Bytes) ? line.Bytes : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line.Bytes));
        string? id = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                output.Error(lineNumber, null, "expected a JSON object");
                return;
            }
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.GetRawText();
            }
            if (!root.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
            {
                output.Error(lineNumber, id, "missing string field 'text'");
                return;
            }
            var text = textElement.GetString()!; // lone surrogates throw here: "unreadable text", below
            ClassificationResult result;
            try
            {
                result = classifier.Classify(text);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug of the model or the lexicon on one post is that post's answer, not the end of the run.
                output.Error(lineNumber, id, $"the classifier failed: {ex.GetType().Name}: {ex.Message}");
                return;
            }
            output.Result(id, result);
        }
        catch (JsonException ex)
        {
            output.Error(lineNumber, id, $"not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            output.Error(lineNumber, id, $"unreadable text: {ex.Message}");
        }
    }

    /// <summary>Writes one answer as a JSON line into a reusable buffer; one instance per worker thread.</summary>
    private sealed class JsonLines : IDisposable
    {
        private readonly ArrayBufferWriter<byte> buffer = new(4096);
        private readonly Utf8JsonWriter writer;

        public JsonLines()
        {
            writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        public void Dispose() => writer.Dispose();

        public byte[] Take()
        {
            var bytes = buffer.WrittenSpan.ToArray();
            buffer.ResetWrittenCount();
            return bytes;
        }

        public void Result(string? rawId, ClassificationResult result)
        {
            Begin(rawId);
            writer.WriteString("label", result.Label.ToCode());
            writer.WriteBoolean("flag", result.IsFlag);
            writer.WriteStartObject("scores");
            foreach (var label in LabelNames.All)
            {
                writer.WriteNumber(label.ToCode(), Math.Round(result.Scores[label], 4));
            }
            writer.WriteEndObject();
            writer.WriteStartArray("signals");
            foreach (var signal in result.Signals)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", signal.Kind);
                writer.WriteNumber("start", signal.Start);
                writer.WriteNumber("length", signal.Length);
                writer.WriteString("text", signal.Text);
                writer.WriteString("feature", signal.Feature);
                writer.WriteNumber("weight", signal.Weight);
                if (signal.Entity is not null)
                {
                    writer.WriteString("entity", signal.Entity);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteString("model", result.ModelVersion);
            End();
        }

        public void Error(int lineNumber, string? rawId, string message)
        {
            Begin(rawId);
            writer.WriteNumber("line", lineNumber);
            writer.WriteString("error", message);
            End();
        }

        private void Begin(string? rawId)
        {
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WritePropertyName("id");
            if (rawId is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(rawId, skipInputValidation: true);
            }
        }

        private void End()
        {
            writer.WriteEndObject();
            writer.Flush();
            buffer.Write("\n"u8);
        }
    }

    private readonly record struct InputLine(byte[] Bytes, bool TooLong);

    /// <summary>Splits raw bytes at '\n' (dropping a trailing '\r'), without decoding: decoding happens per line.</summary>
    private static async IAsyncEnumerable<InputLine> ReadLines(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        var tooLong = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                Append(buffer.AsSpan(start, i - start));
                yield return Take();
                start = i + 1;
            }
            Append(buffer.AsSpan(start, read - start));
        }
        if (line.Length > 0 || tooLong)
        {
            yield return Take();
        }

        void Append(ReadOnlySpan<byte> bytes)
        {
            if (tooLong || line.Length + bytes.Length > MaxLineBytes)
            {
                tooLong = true;
                return;
            }
            line.Write(bytes);
        }

        InputLine Take()
        {
            var bytes = line.ToArray();
            if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            {
                bytes = bytes[..^1];
            }
            var result = new InputLine(tooLong ? [] : bytes, tooLong);
            line.SetLength(0);
            tooLong = false;
            return result;
        }
    }
}
