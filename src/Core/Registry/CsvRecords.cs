using SocialWatch.Core.Domain;
using System.Text;

namespace SocialWatch.Core.Registry;

/// <summary>One CSV record: the 1-based line it starts on, its fields, or why it could not be read.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, LocalizableMessage? Error = null);

/// <summary>
/// Reads RFC 4180 CSV: comma-separated fields, fields in double quotes may hold commas, line breaks and doubled
/// quotes (""), records end with CRLF or LF. A malformed record (a quote inside an unquoted field, a quoted field
/// that never closes) comes back with an <see cref="CsvRecord.Error"/> instead of stopping the whole file, so an
/// import can report it by line number beside the other rows.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 1;
        while (reader.Peek() >= 0)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            LocalizableMessage? error = null;
            var quoted = false;
            var fieldStarted = false;
            var endOfRecord = false;
            while (!endOfRecord)
            {
                var next = reader.Read();
                if (next < 0)
                {
                    if (quoted)
                    {
                        error = "a quoted field is not closed before the end of the file";
                    }
                    break;
                }
                var c = (char)next;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                            if (reader.Peek() is not (',' or '\r' or '\n' or -1))
                            {
                                error ??= "text follows a closing quote; quote the whole field and double any quote inside it";
                            }
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.Append(c);
                    }
                    continue;
                }
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStarted = false;
                        break;
                    case '\r':
                        if (reader.Peek() == '\n')
                        {
                            reader.Read();
                        }
                        line++;
                        endOfRecord = true;
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        break;
                    case '"' when !fieldStarted:
                        quoted = true;
                        fieldStarted = true;
                        break;
                    case '"':
                        error ??= "a quote inside an unquoted field; quote the whole field and double any quote inside it";
                        field.Append(c);
                        break;
                    default:
                        field.Append(c);
                        fieldStarted = true;
                        break;
                }
            }
            fields.Add(field.ToString());
            yield return new CsvRecord(startLine, fields, error);
        }
    }
}
