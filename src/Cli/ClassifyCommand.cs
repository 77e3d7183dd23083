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
    /// Lines are answered in batches: each batch classified on one worker (the classifier is thread-safe, one
    /// prediction engine per thread), as many batches at once as there are cores, and written in input order with
    /// one write per batch, since one console write per line would dominate the run.
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
            var reader = new LineReader(stream);
            var pending = new Queue<Task<Batch>>();
            var free = new Stack<Batch>();
            var batch = new Batch();
            var seenLine = false;
            while (await reader.NextAsync(batch, ct) is { } line)
            {
                if (line.Length == 0 && !line.TooLong)
                {
                    continue;
                }
                if (!seenLine && !line.TooLong && IsPlainText(batch.Bytes(line)))
                {
                    // A bad line inside JSONL is that line's error; plain text from the start is the wrong input.
                    throw new CliUserException($"line {line.Number} is plain text, not JSON: classify reads JSONL, one object per line with a \"text\" field, e.g. {{\"id\": 1, \"text\": \"Ayo coblos nomor 2\"}}");
                }
                seenLine = true;
                batch.Lines.Add(line);
                if (batch.Lines.Count == BatchSize)
                {
                    var full = batch;
                    pending.Enqueue(Task.Run(() => full.Answer(classifier), ct));
                    batch = free.Count > 0 ? free.Pop() : new Batch();
                    if (pending.Count > Environment.ProcessorCount)
                    {
                        var done = await pending.Dequeue();
                        await WriteAsync(done, context.Out, stdout, ct);
                        free.Push(done.Reset());
                    }
                }
            }
            pending.Enqueue(Task.Run(() => batch.Answer(classifier), ct));
            while (pending.Count > 0)
            {
                await WriteAsync(await pending.Dequeue(), context.Out, stdout, ct);
            }
            return 0;
        });
        return command;
    }

    /// <summary>True when the line does not even start like JSON (after a BOM and blanks).</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        var trimmed = bytes.TrimStart(" \t\r"u8);
        return trimmed.Length > 0 && trimmed[0] is not (byte)'{' and not (byte)'[' and not (byte)'"';
    }

    private static async Task WriteAsync(Batch batch, TextWriter writer, Stream? stdout, CancellationToken ct)
    {
        var bytes = batch.Output.WrittenMemory;
        if (bytes.Length == 0)
        {
            return;
        }
        if (stdout is not null)
        {
            await stdout.WriteAsync(bytes, ct);
            await stdout.FlushAsync(ct);
        }
        else
        {
            await writer.WriteAsync(Encoding.UTF8.GetString(bytes.Span));
            await writer.FlushAsync(ct);
        }
    }

    private static void AnswerLine(PostClassifier classifier, ReadOnlySpan<byte> line, InputLine input, JsonLines output)
    {
        if (input.TooLong)
        {
            output.Error(input.Number, default, $"line is longer than {MaxLineBytes / (1024 * 1024)} MB");
            return;
        }
        // Invalid UTF-8 is replaced (U+FFFD), not rejected: the post is still classified.
        var bytes = Utf8.IsValid(line) ? line : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(line));
        PostLine post;
        try
        {
            post = PostLine.Read(bytes);
        }
        catch (JsonException ex)
        {
            output.Error(input.Number, default, $"not valid JSON: {ex.Message}");
            return;
        }
        var id = post.Id.Length > 0 ? bytes.Slice(post.Id.Start, post.Id.Length) : default;
        if (!post.IsObject)
        {
            output.Error(input.Number, default, "expected a JSON object");
            return;
        }
        if (post.Text.Length == 0)
        {
            output.Error(input.Number, id, "missing string field 'text'");
            return;
        }
        string text;
        try
        {
            text = post.ReadText(bytes);
        }
        catch (InvalidOperationException ex)
        {
            // Lone surrogates in \u escapes.
            output.Error(input.Number, id, $"unreadable text: {ex.Message}");
            return;
        }
        ClassificationResult result;
        try
        {
            result = classifier.Classify(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug of the model or the lexicon on one post is that post's answer, not the end of the run.
            output.Error(input.Number, id, $"the classifier failed: {ex.GetType().Name}: {ex.Message}");
            return;
        }
        output.Result(id, result);
    }

    /// <summary>
    /// What a line's JSON holds for us, read with one pass of <see cref="Utf8JsonReader"/> (no document tree): the
    /// raw bytes of "id" and of the "text" string token, as offsets into the line. The whole line is read first, so
    /// a JSON error anywhere is the line's error, as with a parsed document; a repeated property counts by its last
    /// occurrence, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does.
    /// </summary>
    private readonly record struct PostLine(bool IsObject, (int Start, int Length) Id, (int Start, int Length) Text)
    {
        /// <exception cref="JsonException">The line is not one valid JSON value.</exception>
        public static PostLine Read(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read())
            {
                throw new JsonException("the line holds no JSON value");
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                EnsureEnd(ref reader);
                return new PostLine(false, default, default);
            }
            (int, int) id = default;
            (int, int) text = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                var isText = !isId && reader.ValueTextEquals("text"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
                var length = (int)reader.BytesConsumed - start;
                if (isId)
                {
                    id = (start, length);
                }
                else if (isText)
                {
                    text = reader.TokenType == JsonTokenType.String ? (start, length) : default;
                }
            }
            EnsureEnd(ref reader);
            return new PostLine(true, id, text);
        }

        private static void EnsureEnd(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
                // Reading past the value throws on anything but white space after it.
            }
        }

        /// <exception cref="InvalidOperationException">The string holds a lone surrogate escape.</exception>
        public string ReadText(ReadOnlySpan<byte> json)
        {
            var token = json.Slice(Text.Start, Text.Length);
            if (token.IndexOf((byte)'\\') < 0)
            {
                return Encoding.UTF8.GetString(token[1..^1]);
            }
            var reader = new Utf8JsonReader(token);
            reader.Read();
            return reader.GetString()!;
        }
    }

    /// <summary>Up to <see cref="BatchSize"/> lines' bytes, back to back, and the answers to them once classified.</summary>
    private sealed class Batch
    {
        private byte[] bytes = new byte[128 * 1024];

        public int Length { get; private set; }

        public List<InputLine> Lines { get; } = new(BatchSize);

        public ArrayBufferWriter<byte> Output { get; } = new(256 * 1024);

        public ReadOnlySpan<byte> Bytes(InputLine line) => bytes.AsSpan(line.Start, line.Length);

        public void Append(ReadOnlySpan<byte> part)
        {
            if (Length + part.Length > bytes.Length)
            {
                Array.Resize(ref bytes, Math.Max(Length + part.Length, bytes.Length * 2));
            }
            part.CopyTo(bytes.AsSpan(Length));
            Length += part.Length;
        }

        /// <summary>Empty again, keeping its buffers for the next batch.</summary>
        public Batch Reset()
        {
            Length = 0;
            Lines.Clear();
            Output.ResetWrittenCount();
            return this;
        }

        /// <summary>Forgets the bytes from <paramref name="length"/> on (a line found too long).</summary>
        public void Truncate(int length) => Length = length;

        public Batch Answer(PostClassifier classifier)
        {
            using var lines = new JsonLines(Output);
            foreach (var line in Lines)
            {
                AnswerLine(classifier, Bytes(line), line, lines);
            }
            return this;
        }
    }

    /// <summary>Writes one answer as a JSON line into a reusable buffer; one instance per worker thread.</summary>
    private sealed class JsonLines : IDisposable
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly ArrayBufferWriter<byte> buffer;
        private readonly Utf8JsonWriter writer;

        public JsonLines(ArrayBufferWriter<byte> buffer)
        {
            this.buffer = buffer;
            writer = new Utf8JsonWriter(buffer, Options);
        }

        public void Dispose() => writer.Dispose();

        /// <param name="rawId">The id's JSON as it stood in the input line; empty for none.</param>
        public void Result(ReadOnlySpan<byte> rawId, ClassificationResult result)
        {
            Begin(rawId);
            writer.WriteString("label", result.Label.ToCode());
            writer.WriteBoolean("flag", result.IsFlag);
            writer.WriteStartObject("scores");
            foreach (var label in LabelNames.All)
            {
                RoundedJsonNumber.Write(writer, label.ToCode(), result.Scores[label]);
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
                RoundedJsonNumber.Write(writer, "weight", signal.Weight);
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

        public void Error(int lineNumber, ReadOnlySpan<byte> rawId, string message)
        {
            Begin(rawId);
            writer.WriteNumber("line", lineNumber);
            writer.WriteString("error", message);
            End();
        }

        private void Begin(ReadOnlySpan<byte> rawId)
        {
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WritePropertyName("id"u8);
            if (rawId.IsEmpty)
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

    /// <summary>A line's place in its batch's bytes (without the '\n' and a trailing '\r') and its 1-based number.</summary>
    private readonly record struct InputLine(int Start, int Length, int Number, bool TooLong);

    /// <summary>
    /// Splits the input at '\n' into the current batch's byte store, without decoding (decoding happens per line,
    /// on the workers) and without an allocation per line.
    /// </summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[256 * 1024];
        private int position;
        private int end;
        private int number;
        private bool done;

        /// <summary>The next line, its bytes appended to <paramref name="batch"/>; null at the end of the input.</summary>
        public async ValueTask<InputLine?> NextAsync(Batch batch, CancellationToken ct)
        {
            var start = batch.Length;
            var tooLong = false;
            var any = false;
            while (true)
            {
                if (position == end)
                {
                    if (done)
                    {
                        break;
                    }
                    end = await stream.ReadAsync(buffer, ct);
                    position = 0;
                    if (end == 0)
                    {
                        done = true;
                        break;
                    }
                }
                any = true;
                var available = buffer.AsSpan(position, end - position);
                var newline = available.IndexOf((byte)'\n');
                var part = newline < 0 ? available : available[..newline];
                if (!tooLong && batch.Length - start + part.Length > MaxLineBytes)
                {
                    tooLong = true;
                    batch.Truncate(start);
                }
                if (!tooLong)
                {
                    batch.Append(part);
                }
                position += part.Length;
                if (newline >= 0)
                {
                    position++;
                    return Finish(batch, start, tooLong);
                }
            }
            return any && (batch.Length > start || tooLong) ? Finish(batch, start, tooLong) : null;
        }

        private InputLine Finish(Batch batch, int start, bool tooLong)
        {
            number++;
            var length = batch.Length - start;
            if (length > 0 && batch.Bytes(new InputLine(start, length, 0, false))[^1] == (byte)'\r')
            {
                length--;
                batch.Truncate(start + length);
            }
            return new InputLine(start, tooLong ? 0 : length, number, tooLong);
        }
    }
}
