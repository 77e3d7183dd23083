using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SocialWatch.Cli.Tests;

/// <summary>`classify` writes scores and weights with its own formatting, which must be the writer's to the byte.</summary>
public sealed class RoundedJsonNumberTests
{
    [Fact]
    public void Writes_every_rounded_number_as_the_json_writer_does()
    {
        var random = new Random(12);
        var values = new List<double>
        {
            0, -0.0, 0.00004, -0.00004, 0.00005, -0.00005, 0.0001, -0.0001, 1, -1, 0.5, 0.99995, 0.999949, 10, 100.25,
            123456.78915, 99999999999.9999, 1e11, -1e11, 1e12, 1e15, 1e20, -1e20, double.MaxValue, double.MinValue, double.Epsilon,
        };
        for (var i = 0; i < 100_000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-6, 14));
            values.Add((random.NextDouble() - 0.5) * magnitude);
        }
        foreach (var value in values)
        {
            Assert.Equal(Expected(value), Written(value));
        }
    }

    private static string Expected(double value) => Json(writer => writer.WriteNumber("n", Math.Round(value, 4)));

    private static string Written(double value) => Json(writer => RoundedJsonNumber.Write(writer, "n", value));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
