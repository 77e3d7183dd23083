using SocialWatch.Core.Registry;

namespace SocialWatch.Core.Tests;

public sealed class CsvRecordsTests
{
    private static List<CsvRecord> Read(string text) => CsvRecords.Read(new StringReader(text)).ToList();

    [Fact]
    public void Reads_plain_and_quoted_fields_with_their_line_numbers()
    {
        var records = Read("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\n\"multi\nline\",2,3\nlast,,");

        Assert.Equal([1, 2, 3, 5], records.Select(r => r.Line));
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["x, y", "he said \"hi\"", ""], records[1].Fields);
        Assert.Equal(["multi\nline", "2", "3"], records[2].Fields);
        Assert.Equal(["last", "", ""], records[3].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public void A_trailing_line_break_makes_no_extra_record()
    {
        Assert.Equal(2, Read("a,b\n1,2\n").Count);
        Assert.Empty(Read(""));
    }

    [Fact]
    public void Malformed_records_carry_an_error_and_the_rest_of_the_file_is_still_read()
    {
        var records = Read("a,b\nab\"c,d\n\"x\"y,z\nok,1\n\"never closed,2\n");

        Assert.Contains("quote inside an unquoted field", records[1].Error?.ToString());
        Assert.Contains("text follows a closing quote", records[2].Error?.ToString());
        Assert.Null(records[3].Error?.ToString());
        Assert.Equal(["ok", "1"], records[3].Fields);
        Assert.Equal(5, records[4].Line);
        Assert.Contains("not closed", records[4].Error?.ToString());
    }
}
