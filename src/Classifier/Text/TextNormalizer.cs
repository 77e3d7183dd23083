using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SocialWatch.Classifier.Text;

/// <summary>
/// Turns an Indonesian social-media post into normalised tokens that remember where they came from:
/// NFKC and case folding per word, URLs/mentions/numbers to placeholder tokens (ballot-number patterns kept as
/// "noN"), hashtags kept whole and split into words, letter repeats squeezed, slang replaced, and emoji kept
/// (finger signs as &lt;jari1&gt;..&lt;jari3&gt;). Thread-safe: all state is read-only after construction.
/// </summary>
public sealed class TextNormalizer
{
    /// <summary>Words after which a small number is a ballot or list number ("nomor urut 3", "paslon 1", "coblos 2").</summary>
    private static readonly FrozenSet<string> BallotMarkers = FrozenSet.Create(StringComparer.Ordinal,
        "no", "nomor", "urut", "paslon", "calon", "capres", "cawapres", "cagub", "cawagub", "cabup", "cawabup",
        "cawalkot", "caleg", "partai", "coblos", "contreng", "kotak", "number");

    /// <summary>Number words accepted after the stricter markers only ("nomor urut dua", not "pilih satu").</summary>
    private static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["satu"] = 1, ["dua"] = 2, ["tiga"] = 3, ["empat"] = 4, ["lima"] = 5,
        ["enam"] = 6, ["tujuh"] = 7, ["delapan"] = 8, ["sembilan"] = 9, ["sepuluh"] = 10,
        ["hiji"] = 1, ["tilu"] = 3, ["opat"] = 4, // Sundanese
        ["siji"] = 1, ["loro"] = 2, ["telu"] = 3, ["papat"] = 4, // Javanese
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NumberWordMarkers = FrozenSet.Create(StringComparer.Ordinal, "no", "nomor", "urut", "paslon", "number");

    private const int MaxHashtagSegmentForSplitting = 40;

    private readonly SlangTable slang;
    private readonly FrozenSet<string> knownWords;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> knownLookup;

    /// <summary>
    /// The token texts <see cref="EmitWord"/> makes of each known word, computed once: most words of a post are
    /// known, and one lookup here replaces the vocabulary, slang and clitic lookups of the general path.
    /// </summary>
    private readonly FrozenDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> knownWordTokens;

    /// <param name="slang">Informal → formal replacements.</param>
    /// <param name="knownWords">Vocabulary for splitting hashtags and choosing between squeezed spellings.</param>
    public TextNormalizer(SlangTable slang, IEnumerable<string> knownWords)
    {
        this.slang = slang;
        this.knownWords = knownWords.Where(w => w.Length > 0).Concat(slang.Words).ToFrozenSet(StringComparer.Ordinal);
        knownLookup = this.knownWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var tokens = new Dictionary<string, string[]>(this.knownWords.Count, StringComparer.Ordinal);
        var emitted = new List<Token>();
        foreach (var word in this.knownWords)
        {
            emitted.Clear();
            EmitWord(WithoutApostrophes(word), 0, 0, emitted);
            tokens[word] = [.. emitted.Select(t => t.Text)];
        }
        knownWordTokens = tokens.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<Token> Normalize(string text)
    {
        var tokens = new List<Token>();
        Normalize(text, tokens);
        return tokens;
    }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="output"/> (cleared first).</summary>
    public void Normalize(string text, List<Token> output)
    {
        output.Clear();
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (IsUrlStart(text, i))
            {
                var end = i;
                while (end < n && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }
                output.Add(new Token("<url>", i, end - i, TokenKind.Url));
                i = end;
            }
            else if ((c == '@' || c == '#') && i + 1 < n && IsWordCharAt(text, i + 1))
            {
                var end = ScanWord(text, i + 1, allowUnderscore: true, allowDot: c == '@');
                if (c == '@')
                {
                    output.Add(new Token("<user>", i, end - i, TokenKind.Mention));
                }
                else
                {
                    EmitHashtag(text, i, end, output);
                }
                i = end;
            }
            else if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                i++; // a lone surrogate (e.g. from broken input) is treated as a separator
            }
            else if (IsWordRune(rune))
            {
                var end = ScanWord(text, i, allowUnderscore: false, allowDot: false, allowApostrophe: true);
                if (TryKeycap(text, i, end, out var keycapEnd))
                {
                    output.Add(new Token($"<keycap{text[i]}>", i, keycapEnd - i, TokenKind.Emoji));
                    end = keycapEnd;
                }
                else
                {
                    EmitWordRun(text, i, end, output);
                }
                i = end;
            }
            else if (IsEmoji(rune))
            {
                var end = ScanEmojiCluster(text, i + consumed);
                output.Add(new Token(EmojiToken(rune), i, end - i, TokenKind.Emoji));
                i = end;
            }
            else
            {
                i += consumed;
            }
        }
        MarkBallotNumbers(output);
    }

    private static bool IsUrlStart(string text, int i) =>
        text.AsSpan(i).StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || text.AsSpan(i).StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || (text.AsSpan(i).StartsWith("www.", StringComparison.OrdinalIgnoreCase) && (i == 0 || !IsWordCharAt(text, i - 1)));

    private static bool IsWordRune(Rune rune)
    {
        if (rune.IsAscii)
        {
            return char.IsAsciiLetterOrDigit((char)rune.Value);
        }
        if (rune.Value is >= 0xFE00 and <= 0xFE0F)
        {
            return false; // variation selectors belong to the emoji or keycap before them
        }
        var category = Rune.GetUnicodeCategory(rune);
        return Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            || category == UnicodeCategory.OtherNumber && rune.Value < 0x2460; // ① and friends are emoji-like, handled elsewhere
    }

    private static bool IsWordCharAt(string text, int i)
    {
        var c = text[i];
        if (c < 128)
        {
            return char.IsAsciiLetterOrDigit(c);
        }
        return Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out _) == System.Buffers.OperationStatus.Done && IsWordRune(rune);
    }

    /// <param name="allowApostrophe">Keep an apostrophe between two letters inside the word ("Ma'ruf", "Jum’at"); it is dropped when the word is emitted.</param>
    private static int ScanWord(string text, int start, bool allowUnderscore, bool allowDot, bool allowApostrophe = false)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (allowApostrophe && IsApostrophe(c) && i > start && char.IsLetter(text[i - 1]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c) || (allowUnderscore && c == '_')
                    || (allowDot && c == '.' && i + 1 < text.Length && IsWordCharAt(text, i + 1)))
                {
                    i++;
                    continue;
                }
                break;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !IsWordRune(rune))
            {
                break;
            }
            i += consumed;
        }
        return i;
    }

    private static bool IsApostrophe(char c) => Apostrophes.Contains(c);

    private static readonly System.Buffers.SearchValues<char> Apostrophes = System.Buffers.SearchValues.Create("'`\u2019\u02BC");

    private static string WithoutApostrophes(string word) =>
        word.AsSpan().ContainsAny(Apostrophes) ? string.Concat(word.Where(c => !IsApostrophe(c))) : word;

    /// <summary>"2️⃣": one digit, an optional variation selector, then the combining keycap.</summary>
    private static bool TryKeycap(string text, int start, int end, out int keycapEnd)
    {
        keycapEnd = end;
        if (end - start != 1 || !char.IsAsciiDigit(text[start]))
        {
            return false;
        }
        var i = end;
        if (i < text.Length && text[i] == '\uFE0F')
        {
            i++;
        }
        if (i < text.Length && text[i] == '\u20E3')
        {
            keycapEnd = i + 1;
            return true;
        }
        return false;
    }

    private static bool IsEmoji(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or >= 0x2190 and <= 0x21FF or >= 0x2B00 and <= 0x2BFF
            || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol;
    }

    /// <summary>Skips what belongs to the emoji just read: variation selectors, skin tones, and ZWJ-joined parts.</summary>
    private static int ScanEmojiCluster(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] is '\uFE0F' or '\uFE0E')
            {
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }
            if (rune.Value is >= 0x1F3FB and <= 0x1F3FF or >= 0x1F1E6 and <= 0x1F1FF)
            {
                i += consumed;
                continue;
            }
            if (rune.Value == 0x200D && i + 1 < text.Length
                && Rune.DecodeFromUtf16(text.AsSpan(i + 1), out var joined, out var joinedLength) == System.Buffers.OperationStatus.Done
                && IsEmoji(joined))
            {
                i += 1 + joinedLength;
                continue;
            }
            break;
        }
        return i;
    }

    /// <summary>Finger counts are ballot-number signs (☝️ 01, ✌️ 02, 🤟 03); other emoji keep their code point.</summary>
    private static string EmojiToken(Rune rune) => rune.Value switch
    {
        0x261D or 0x1F446 => "<jari1>",
        0x270C => "<jari2>",
        0x1F91F => "<jari3>",
        0x270A or 0x1F44A => "<kepal>",
        _ => string.Create(CultureInfo.InvariantCulture, $"<e{rune.Value:x}>"),
    };

    /// <summary>A run of letters and digits: split at letter/digit boundaries ("no2", "temen2", "2nya").</summary>
    private void EmitWordRun(string text, int start, int end, List<Token> output)
    {
        var raw = text.AsSpan(start, end - start);
        if (!Ascii.IsValid(raw))
        {
            var folded = Fold(raw);
            if (folded.Length > 0)
            {
                EmitFoldedWord(folded, start, end - start, output);
            }
            return;
        }
        if (TryDecodeLeet(raw, out var decoded))
        {
            EmitWord(WithoutApostrophes(decoded), start, end - start, output);
            return;
        }
        var segmentStart = start;
        for (var i = start + 1; i <= end; i++)
        {
            if (i == end || char.IsAsciiDigit(text[i]) != char.IsAsciiDigit(text[i - 1]))
            {
                var segment = text.AsSpan(segmentStart, i - segmentStart);
                var isDigits = char.IsAsciiDigit(segment[0]);
                var reduplication = isDigits && segment is "2" && segmentStart > start && i == end
                    && !BallotMarkers.Contains(output[^1].Text);
                if (reduplication)
                {
                    // "teman2" reads as "teman-teman": the word again, spanning the "2".
                    output.Add(output[^1] with { Start = segmentStart, Length = segment.Length });
                }
                else
                {
                    if (isDigits)
                    {
                        output.Add(new Token(segment.ToString(), segmentStart, segment.Length, TokenKind.Number));
                    }
                    else
                    {
                        EmitAsciiWord(segment, segmentStart, output);
                    }
                }
                segmentStart = i;
            }
        }
    }

    /// <summary>
    /// Alay spelling with digits for letters ("p1l1h", "c4l0n", "d14", "J0k0w1"): decoded when a digit sits between
    /// two letters, or when the decoded word is one the vocabulary or slang table knows. "2" is left alone (it marks
    /// reduplication and ballot numbers), and so are words that start with a digit ("17an", "4g") and "no2".
    /// </summary>
    private bool TryDecodeLeet(ReadOnlySpan<char> raw, out string decoded)
    {
        decoded = "";
        if (raw.Length < 2 || !char.IsAsciiLetter(raw[0]) || !raw.ContainsAny(LeetDigits))
        {
            return false;
        }
        var firstDigit = raw.IndexOfAnyInRange('0', '9');
        if (!raw[firstDigit..].ContainsAnyExceptInRange('0', '9') && BallotMarkers.Contains(ToLowerAscii(raw[..firstDigit])))
        {
            return false; // "no1", "nomor3"
        }
        var interior = false;
        var chars = new char[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiDigit(c))
            {
                var letter = LeetLetter(c);
                if (letter == '\0')
                {
                    return false;
                }
                interior |= i + 1 < raw.Length && char.IsAsciiLetter(raw[i + 1]) && char.IsAsciiLetter(raw[i - 1]);
                chars[i] = letter;
            }
            else
            {
                chars[i] = char.ToLowerInvariant(c);
            }
        }
        decoded = new string(chars);
        return interior || IsKnown(decoded);
    }

    private static readonly System.Buffers.SearchValues<char> LeetDigits = System.Buffers.SearchValues.Create("013456789");

    private static char LeetLetter(char digit) => digit switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '6' => 'g',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => '\0',
    };

    /// <summary>A non-ASCII word after NFKC: fancy fonts and full-width letters become plain letters.</summary>
    private void EmitFoldedWord(string folded, int start, int length, List<Token> output)
    {
        var allDigits = true;
        foreach (var ch in folded)
        {
            allDigits &= char.IsAsciiDigit(ch);
        }
        if (allDigits)
        {
            output.Add(new Token(folded, start, length, TokenKind.Number));
            return;
        }
        foreach (var part in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            EmitWord(part, start, length, output);
        }
    }

    private static string Fold(ReadOnlySpan<char> raw)
    {
        var text = WithoutApostrophes(raw.ToString());
        try
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unassigned code points cannot be normalised; case folding alone still helps.
        }
        return text.ToLowerInvariant();
    }

    /// <summary>
    /// An ASCII word (letters, maybe apostrophes): a known word's tokens come from <see cref="knownWordTokens"/>
    /// without allocating; only unknown words take the general path of <see cref="EmitWord"/>.
    /// </summary>
    private void EmitAsciiWord(ReadOnlySpan<char> segment, int start, List<Token> output)
    {
        if (segment.Length <= 64)
        {
            Span<char> lower = stackalloc char[segment.Length];
            Ascii.ToLower(segment, lower, out _);
            if (knownWordTokens.TryGetValue(lower, out var texts))
            {
                foreach (var text in texts)
                {
                    output.Add(new Token(text, start, segment.Length, TokenKind.Word));
                }
                return;
            }
            EmitWord(WithoutApostrophes(new string(lower)), start, segment.Length, output);
            return;
        }
        EmitWord(WithoutApostrophes(ToLowerAscii(segment)), start, segment.Length, output);
    }

    private static string ToLowerAscii(ReadOnlySpan<char> segment) =>
        string.Create(segment.Length, segment, static (destination, source) => Ascii.ToLower(source, destination, out _));

    /// <summary>Laughter, letter repeats and slang for one lower-case word.</summary>
    private void EmitWord(string word, int start, int length, List<Token> output)
    {
        if (IsLaughter(word))
        {
            output.Add(new Token(word[0] == 'w' ? "wkwk" : "haha", start, length, TokenKind.Word));
            return;
        }
        if (HasLetterRun(word, 3) && !IsKnown(word))
        {
            var squeezedToOne = Squeeze(word, 1);
            var squeezedToTwo = Squeeze(word, 2);
            word = IsKnown(squeezedToOne) ? squeezedToOne : IsKnown(squeezedToTwo) ? squeezedToTwo : squeezedToOne;
        }
        if (!IsKnown(word) && WithoutClitic(word) is { } stem)
        {
            word = stem;
        }
        if (slang.TryReplace(word, out var formal))
        {
            foreach (var replacement in formal)
            {
                output.Add(new Token(replacement, start, length, TokenKind.Word));
            }
            return;
        }
        output.Add(new Token(word, start, length, TokenKind.Word));
    }

    private static readonly string[] Clitics = ["nya", "lah", "kah", "pun", "ku", "mu"];

    /// <summary>
    /// "capresnya", "calonmu", "siapapun": an unknown word that is a known word plus a clitic reads as the known
    /// word, so lexicon entries and features match whatever is attached to them. Known words keep their form
    /// ("masalah" is not "masa" + "lah").
    /// </summary>
    private string? WithoutClitic(string word)
    {
        foreach (var clitic in Clitics)
        {
            if (word.Length >= clitic.Length + 3 && word.EndsWith(clitic, StringComparison.Ordinal))
            {
                var stem = word[..^clitic.Length];
                if (IsKnown(stem))
                {
                    return stem;
                }
            }
        }
        return null;
    }

    private bool IsKnown(string word) => knownLookup.Contains(word) || slang.TryReplace(word, out _);

    private static bool IsLaughter(string word)
    {
        if (word.Length < 4)
        {
            return false;
        }
        var (first, second) = (word[0], word[1]);
        if (!((first == 'w' && second == 'k') || (first == 'k' && second == 'w') || (first == 'h' && second is 'a' or 'e' or 'i')))
        {
            return false;
        }
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] != (i % 2 == 0 ? first : second))
            {
                return false;
            }
        }
        return true;
    }

    private static bool HasLetterRun(string word, int length)
    {
        var run = 1;
        for (var i = 1; i < word.Length; i++)
        {
            run = word[i] == word[i - 1] ? run + 1 : 1;
            if (run >= length)
            {
                return true;
            }
        }
        return false;
    }

    private static string Squeeze(string word, int keep)
    {
        var builder = new StringBuilder(word.Length);
        var run = 0;
        for (var i = 0; i < word.Length; i++)
        {
            run = i > 0 && word[i] == word[i - 1] ? run + 1 : 1;
            if (run <= keep)
            {
                builder.Append(word[i]);
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// Keeps the hashtag whole ("#aminajadulu") and adds its words: split at camel case, letter/digit changes and
    /// underscores, then each unknown part split into known words ("gantipresiden" → "ganti presiden").
    /// </summary>
    private void EmitHashtag(string text, int start, int end, List<Token> output)
    {
        var body = text.AsSpan(start + 1, end - start - 1);
        var ascii = Ascii.IsValid(body);
        var folded = ascii ? body.ToString() : body.ToString().Normalize(NormalizationForm.FormKC);
        output.Add(new Token("#" + folded.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant(), start, end - start, TokenKind.Hashtag));

        // Parts of an ASCII hashtag point at their own characters; parts of a folded one share the whole span.
        var segmentStart = 0;
        for (var i = 1; i <= folded.Length; i++)
        {
            if (i == folded.Length || IsHashtagBoundary(folded, i))
            {
                var segment = folded.AsSpan(segmentStart, i - segmentStart).Trim('_');
                var offset = segmentStart + folded.AsSpan(segmentStart, i - segmentStart).IndexOf(segment);
                if (segment.Length > 0)
                {
                    var spanStart = ascii ? start + 1 + offset : start;
                    var spanLength = ascii ? segment.Length : end - start;
                    EmitHashtagSegment(segment.ToString().ToLowerInvariant(), spanStart, spanLength, ascii, output);
                }
                segmentStart = i;
            }
        }
    }

    private static bool IsHashtagBoundary(string tag, int i)
    {
        var (previous, current) = (tag[i - 1], tag[i]);
        return current == '_' || previous == '_'
            || char.IsDigit(previous) != char.IsDigit(current)
            || (char.IsLower(previous) && char.IsUpper(current));
    }

    private void EmitHashtagSegment(string segment, int start, int length, bool exactSpans, List<Token> output)
    {
        if (char.IsDigit(segment[0]))
        {
            output.Add(new Token(segment, start, length, TokenKind.Number));
            return;
        }
        if (!IsKnown(segment) && segment.Length <= MaxHashtagSegmentForSplitting && TrySplitIntoKnownWords(segment, out var cuts))
        {
            var previous = 0;
            foreach (var cut in cuts)
            {
                EmitWord(segment[previous..cut], exactSpans ? start + previous : start, exactSpans ? cut - previous : length, output);
                previous = cut;
            }
            return;
        }
        EmitWord(segment, start, length, output);
    }

    /// <summary>
    /// Splits a letters-only string into known words of two or more letters, preferring few long words
    /// (score = sum of squared lengths). Returns the end offset of each word; false when no full split exists.
    /// </summary>
    private bool TrySplitIntoKnownWords(string segment, out List<int> cuts)
    {
        var n = segment.Length;
        var best = new int[n + 1];
        var back = new int[n + 1];
        Array.Fill(best, -1);
        best[0] = 0;
        for (var end = 2; end <= n; end++)
        {
            for (var begin = Math.Max(0, end - 20); begin <= end - 2; begin++)
            {
                if (best[begin] >= 0 && knownLookup.Contains(segment.AsSpan(begin, end - begin)))
                {
                    var score = best[begin] + ((end - begin) * (end - begin));
                    if (score > best[end])
                    {
                        best[end] = score;
                        back[end] = begin;
                    }
                }
            }
        }
        cuts = [];
        if (best[n] < 0)
        {
            return false;
        }
        for (var end = n; end > 0; end = back[end])
        {
            cuts.Add(end);
        }
        cuts.Reverse();
        return true;
    }

    /// <summary>
    /// Numbers become ballot numbers: "noN" after a ballot marker ("nomor urut 3", "paslon 1", "coblos 2") or before
    /// "jari", and "0N" as written when "01".."09" (the way pairs are named); every other number becomes "&lt;num&gt;".
    /// </summary>
    private static void MarkBallotNumbers(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Number)
            {
                var afterMarker = IsAfterBallotMarker(tokens, i);
                var digits = token.Text.AsSpan();
                var isPairStyle = digits.Length == 2 && digits[0] == '0' && digits[1] != '0';
                if (digits.Length <= 2 && (afterMarker || isPairStyle) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    // "02" alone keeps its form: it is also how times and dates are written, so it needs context.
                    var form = afterMarker ? string.Create(CultureInfo.InvariantCulture, $"no{value}") : token.Text;
                    tokens[i] = token with { Text = form, Kind = TokenKind.BallotNumber };
                }
                else
                {
                    tokens[i] = token with { Text = "<num>" };
                }
            }
            else if (token.Kind == TokenKind.Word)
            {
                if (i > 0 && NumberWords.TryGetValue(token.Text, out var spelled) && NumberWordMarkers.Contains(tokens[i - 1].Text))
                {
                    tokens[i] = token with { Text = string.Create(CultureInfo.InvariantCulture, $"no{spelled}"), Kind = TokenKind.BallotNumber };
                }
            }
            else if (token.Kind == TokenKind.Emoji && token.Text.StartsWith("<keycap", StringComparison.Ordinal)
                && token.Text[7] != '0' // ballot numbers start at 1: "nomor 0️⃣" stays an emoji
                && IsAfterBallotMarker(tokens, i))
            {
                tokens[i] = token with { Text = "no" + token.Text[7], Kind = TokenKind.BallotNumber };
            }
        }
    }

    /// <summary>Token <paramref name="i"/> follows a ballot marker word or precedes "jari" ("3 jari": three fingers).</summary>
    private static bool IsAfterBallotMarker(List<Token> tokens, int i) =>
        (i > 0 && tokens[i - 1].Kind == TokenKind.Word && BallotMarkers.Contains(tokens[i - 1].Text))
        || (i + 1 < tokens.Count && tokens[i + 1].Text == "jari");
}
