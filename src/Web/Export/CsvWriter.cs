using System.Text;

namespace SocialWatch.Web.Export;

/// <summary>
/// Writes RFC 4180 CSV (comma, CRLF, quotes doubled) that is safe to open in a spreadsheet: a cell that starts with
/// <c>= + - @</c>, a tab or a carriage return would be read as a formula (post text and names are someone else's
/// input), so it gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public Task WriteRowAsync(params IReadOnlyList<string?> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(Cell(cells[i]));
        }
        line.Append("\r\n");
        return output.WriteAsync(line.ToString());
    }

    /// <summary>One cell as written: defused against formulas, then quoted when it holds a separator, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
