using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using SocialWatch.Sources.Jsonl;
using SocialWatch.Sources.Text;

// Measures, side by side in one run: JSONL lines/s for plain text, HTML text and gzip files; HtmlText.ToText calls/s;
// and the managed heap while streaming a large file (it must stay flat).
var lines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var largeLines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int Runs = 5;
var directory = Directory.CreateTempSubdirectory("sources-bench-");
try
{
    var plain = Write(Path.Combine(directory.FullName, "plain.jsonl"), lines, html: false, gzip: false);
    var html = Write(Path.Combine(directory.FullName, "html.jsonl"), lines, html: true, gzip: false);
    var gzipped = Write(Path.Combine(directory.FullName, "plain.jsonl.gz"), lines, html: false, gzip: true);

    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformationText()}; {DateTime.UtcNow:yyyy-MM-dd}");
    // Interleaved rounds, so the load other processes put on the machine falls on every variant alike.
    var rates = new[] { new List<double>(), new List<double>(), new List<double>() };
    string[] files = [plain, html, gzipped];
    for (var round = 0; round <= Runs; round++)
    {
        for (var variant = 0; variant < files.Length; variant++)
        {
            var rate = await ReadAll(files[variant]);
            if (round > 0)
            {
                rates[variant].Add(rate); // round 0 warms up
            }
        }
    }

    var (plainRate, htmlRate, gzipRate) = (MedianOf(rates[0]), MedianOf(rates[1]), MedianOf(rates[2]));
    Console.WriteLine($"JSONL plain text : {plainRate,10:N0} lines/s (median of {Runs}, {lines:N0} lines, 1% invalid)");
    Console.WriteLine($"JSONL html text  : {htmlRate,10:N0} lines/s  ratio to plain {htmlRate / plainRate:0.00}");
    Console.WriteLine($"JSONL gzip plain : {gzipRate,10:N0} lines/s  ratio to plain {gzipRate / plainRate:0.00}");

    const string Content = "<p>Mulai Senin, layanan perekaman KTP-el di kecamatan dibuka sampai pukul 15.00 WIB. <a href=\"https://sosial.example/tags/PelayananPublik\" class=\"mention hashtag\" rel=\"tag\">#<span>PelayananPublik</span></a></p><p>Info: <a href=\"https://kota.example/berita\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">kota.example/berita</span></a></p>";
    var htmlCalls = Median(() =>
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 50_000; i++)
        {
            HtmlText.ToText(Content);
        }

        return Task.FromResult(50_000 / watch.Elapsed.TotalSeconds);
    }).Result;
    Console.WriteLine($"HtmlText.ToText  : {htmlCalls,10:N0} calls/s (Mastodon-sized status)");

    var large = Write(Path.Combine(directory.FullName, "large.jsonl"), largeLines, html: false, gzip: false);
    var samples = new List<long>();
    var count = 0;
    await foreach (var line in JsonlPostReader.ReadFileAsync(large))
    {
        if (++count % (largeLines / 10) == 0)
        {
            samples.Add(GC.GetTotalMemory(forceFullCollection: true));
        }
    }

    Console.WriteLine($"heap while streaming {largeLines:N0} lines, MB at each tenth: {string.Join(" ", samples.Select(b => (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)))}");
}
finally
{
    directory.Delete(recursive: true);
}

static async Task<double> ReadAll(string path)
{
    var watch = Stopwatch.StartNew();
    var valid = 0;
    var total = 0;
    await foreach (var line in JsonlPostReader.ReadFileAsync(path))
    {
        total++;
        valid += line.IsValid ? 1 : 0;
    }

    if (valid == 0 || valid == total)
    {
        throw new InvalidOperationException($"expected some valid and some invalid lines, got {valid} of {total}");
    }

    return total / watch.Elapsed.TotalSeconds;
}

static async Task<double> Median(Func<Task<double>> measure)
{
    await measure(); // warm-up
    var results = new List<double>();
    for (var i = 0; i < Runs; i++)
    {
        results.Add(await measure());
    }

    results.Sort();
    return results[Runs / 2];
}

static double MedianOf(List<double> values)
{
    values.Sort();
    return values[values.Count / 2];
}

static string Write(string path, int count, bool html, bool gzip)
{
    string[] words = ["warga", "kelurahan", "posyandu", "jadwal", "layanan", "kecamatan", "vaksinasi", "kerja", "bakti", "pilkada", "coblos", "dukung", "calon", "sosialisasi", "anggaran"];
    var random = new Random(42);
    using var file = File.Create(path);
    using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
    using var writer = new StreamWriter(output, new UTF8Encoding(false));
    for (var i = 0; i < count; i++)
    {
        var text = string.Join(' ', Enumerable.Range(0, 25).Select(_ => words[random.Next(words.Length)]));
        if (html)
        {
            text = $"<p>{text}</p><p><a href=\\\"https://kota.example\\\">tautan</a> <b>penting</b></p>";
        }

        var created = i % 100 == 99 ? "2026-08-21T10:00:00" : "2026-08-21T10:00:00+07:00"; // 1% invalid: no offset
        writer.Write($$$"""{"schema":"posts.v1","platform":"instagram","platform_post_id":"{{{i}}}","account":{"handle":"akun{{{i % 500}}}"},"created_at":"{{{created}}}","text":"{{{text}}}","text_format":"{{{(html ? "html" : "plain")}}}","language":"id","hashtags":["KotaMaju"],"mentions":[{"handle":"dinkes"}],"media":[{"type":"image","description":"Poster kegiatan"}],"source":{"tool":"bench","exported_at":"2026-08-24T02:00:00Z"} }""");
        writer.Write('\n');
    }

    return path;
}

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
