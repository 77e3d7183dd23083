using System.Runtime.CompilerServices;
using SocialWatch.Core.Ingestion;

namespace SocialWatch.Sources.Jsonl;

/// <summary>The ingestion pipeline's view of a posts.v1 JSONL file: each line a post or the reason it was rejected.</summary>
public sealed class JsonlImportFileReader : IImportFileReader
{
    public async IAsyncEnumerable<ImportLine> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in JsonlPostReader.ReadFileAsync(path, ct))
        {
            yield return new ImportLine(line.LineNumber, line.Post?.Post, line.Error, line.Post?.DeletedAt);
        }
    }
}
