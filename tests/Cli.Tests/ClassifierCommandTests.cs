using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SocialWatch.Cli.Tests;

/// <summary>`model train`, `model evaluate` and `classify`, run in-process on a model trained from the fixture corpus.</summary>
public sealed class ClassifierCommandTests : IDisposable
{
    private static readonly string Resources = Path.Combine(AppContext.BaseDirectory, "classifier");
    private static readonly string Corpus = Path.Combine(Resources, "corpus.jsonl");
    private static readonly string Slang = Path.Combine(Resources, "lexicon");
    private static readonly string Contests = Path.Combine(AppContext.BaseDirectory, "data", "contests");

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("sw-cli-classifier");

    private string ModelPath => Path.Combine(work.FullName, "model.zip");

    public void Dispose() => work.Delete(recursive: true);

    private async Task<CliRun> RunAsync(params string[] args) => await RunWithModelAsync(ModelPath, args);

    private async Task<CliRun> RunWithModelAsync(string modelPath, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = work.FullName,
            ["Classifier:ModelPath"] = modelPath,
            ["Classifier:LexiconDirectory"] = Contests,
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error, configuration);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private async Task TrainAsync()
    {
        var run = await RunAsync("model", "train", "--data", Corpus, "--slang", Slang, "--out", ModelPath);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task Train_is_deterministic_and_writes_a_model_card_beside_the_model()
    {
        var card = Path.Combine(work.FullName, "MODEL_CARD.md");
        var first = await RunAsync("model", "train", "--data", Corpus, "--heldout", Corpus, "--out", ModelPath, "--slang", Slang);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("trained mlnet-", first.Output);
        var firstBytes = await File.ReadAllBytesAsync(ModelPath);

        var again = Path.Combine(work.FullName, "again", "model.zip");
        var second = await RunAsync("model", "train", "--data", Corpus, "--out", again, "--slang", Slang);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(again));

        var text = await File.ReadAllTextAsync(card);
        Assert.Contains("Training data SHA-256", text);
        Assert.Contains("| flag |", text);
    }

    [Fact]
    public async Task Evaluate_reports_per_label_and_flag_metrics_as_json()
    {
        await TrainAsync();
        var run = await RunAsync("model", "evaluate", "--data", Corpus, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var report = JsonDocument.Parse(run.Output);
        var root = report.RootElement;
        Assert.Equal(40, root.GetProperty("rows").GetInt32());
        Assert.Equal(24, root.GetProperty("flag").GetProperty("support").GetInt32());
        Assert.InRange(root.GetProperty("flag").GetProperty("recall").GetDouble(), 0.5, 1.0);
        Assert.Equal(5, root.GetProperty("confusion").GetProperty("matrix").GetArrayLength());
        Assert.True(root.GetProperty("labels").TryGetProperty("campaign", out _));
    }

    [Fact]
    public async Task Evaluate_prints_a_table_by_default()
    {
        await TrainAsync();
        var run = await RunAsync("model", "evaluate", "--data", Corpus);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("flag", run.Output);
        Assert.Contains("confusion", run.Output);
    }

    [Fact]
    public async Task Classify_answers_every_line_and_survives_bad_ones()
    {
        await TrainAsync();
        var input = new MemoryStream();
        void Line(string text) => input.Write(Encoding.UTF8.GetBytes(text + "\n"));
        Line("""{"id": "a", "text": "Ayo coblos nomor urut 2, Pak Hendra pasti menang", "extra": 1}""");
        Line("""{"id": "b", "text": """);
        Line("""{"id": 3}""");
        Line("""{"id": "d", "text": ""}""");
        Line("""{"id": "e", "text": "😀🔥✌️"}""");
        input.Write("{\"id\": \"f\", \"text\": \"bad \xff\xfe bytes\"}\n"u8);
        Line(JsonSerializer.Serialize(new { id = "g", text = new string('a', 1_000_000) }));
        Line("[1, 2]");
        Line("");
        Line("""{"id": "i", "text": "Makan bakso dulu ah"}""");
        var path = Path.Combine(work.FullName, "input.jsonl");
        await File.WriteAllBytesAsync(path, input.ToArray());

        var run = await RunAsync("classify", "--input", path);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.True(lines[0].GetProperty("flag").GetBoolean());
        Assert.Equal("endorse", lines[0].GetProperty("label").GetString());
        Assert.Contains(lines[0].GetProperty("signals").EnumerateArray(), s => s.GetProperty("feature").GetString() == "number:2");
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Contains("not valid JSON", lines[1].GetProperty("error").GetString());
        Assert.Equal(3, lines[2].GetProperty("id").GetInt32());
        Assert.Contains("text", lines[2].GetProperty("error").GetString());
        foreach (var index in new[] { 3, 4, 5, 6, 8 })
        {
            Assert.False(lines[index].TryGetProperty("error", out _), lines[index].ToString());
            Assert.Equal(5, lines[index].GetProperty("scores").EnumerateObject().Count());
        }
        Assert.Equal("expected a JSON object", lines[7].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_json_is_that_lines_error_and_the_run_goes_on()
    {
        await TrainAsync();
        var path = Path.Combine(work.FullName, "surrogates.jsonl");
        await File.WriteAllTextAsync(path, "{\"id\": 1, \"text\": \"pilih \\ud800 nomor 2\"}\n{\"id\": 2, \"text\": \"senyum \\ud83d\\ude00\"}\n");

        var run = await RunAsync("classify", "--input", path);

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains("unreadable text", lines[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, lines[1].GetProperty("scores").EnumerateObject().Count());
    }

    [Fact]
    public async Task A_missing_model_is_one_line_naming_the_file_and_exit_code_2()
    {
        var input = Path.Combine(work.FullName, "one.jsonl");
        await File.WriteAllTextAsync(input, """{"id": 1, "text": "halo"}""");
        var missing = Path.Combine(work.FullName, "nope", "model.zip");
        var run = await RunWithModelAsync(missing, "classify", "--input", input);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Single(run.Error.TrimEnd('\r', '\n').Split('\n'));
    }

    [Fact]
    public async Task A_corrupt_or_old_model_is_one_line_naming_the_file_and_exit_code_2()
    {
        await TrainAsync();
        var bytes = await File.ReadAllBytesAsync(ModelPath);
        bytes[bytes.Length / 3] ^= 1;
        await File.WriteAllBytesAsync(ModelPath, bytes);
        var corrupt = await RunAsync("model", "evaluate", "--data", Corpus);
        Assert.Equal(2, corrupt.ExitCode);
        Assert.StartsWith($"error: classifier model file '{ModelPath}' is corrupt", corrupt.Error, StringComparison.Ordinal);
        Assert.Single(corrupt.Error.TrimEnd('\r', '\n').Split('\n'));

        var old = Path.Combine(work.FullName, "classifier.swm");
        await File.WriteAllBytesAsync(old, [.. "SWCLFMDL"u8, .. new byte[64]]);
        var legacy = await RunAsync("classify", "--model", old, "--input", Corpus);
        Assert.Equal(2, legacy.ExitCode);
        Assert.Contains($"'{old}' is a hand-made model of an earlier release", legacy.Error, StringComparison.Ordinal);
        Assert.Contains("socialwatch model train --data data/training --heldout data/heldout --out models/classifier.zip", legacy.Error, StringComparison.Ordinal);
        Assert.Single(legacy.Error.TrimEnd('\r', '\n').Split('\n'));
    }

    [Fact]
    public async Task A_missing_input_file_and_a_bad_training_row_are_user_errors()
    {
        var missing = Path.Combine(work.FullName, "absent.jsonl");
        (await RunAsync("classify", "--input", missing)).AssertOneLineError($"error: input file '{missing}' does not exist");

        var bad = Path.Combine(work.FullName, "bad.jsonl");
        await File.WriteAllTextAsync(bad, "{\"text\": \"halo\", \"label\": \"maybe\"}\n");
        var output = Path.Combine(work.FullName, "never.zip");
        var run = await RunAsync("model", "train", "--data", bad, "--out", output, "--slang", Slang);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("bad.jsonl: line 1: ", run.Error);
        Assert.False(File.Exists(output));
        Assert.Contains("unknown label 'maybe'", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
