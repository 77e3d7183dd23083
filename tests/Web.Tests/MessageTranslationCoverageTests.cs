using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SocialWatch.Hosting;

namespace SocialWatch.Web.Tests;

/// <summary>
/// Every message the console can show a reader — a broken rule, a CSV row's reason, an account's polling error — is a
/// <see cref="Core.Domain.LocalizableMessage"/> whose template is its resource name, so a template with no entry in
/// ConsoleText.resx is shown in English to an Indonesian officer. This reads the sources of the projects whose
/// messages reach the console and checks each message literal against the resource file, so a new rule cannot ship
/// untranslated. The command-line projects (Cli, Worker, Classifier/Training) print English by design.
/// </summary>
public sealed partial class MessageTranslationCoverageTests
{
    private static readonly string[] ConsoleFacingSources =
        ["src/Core", "src/Sources", "src/Storage", "src/Web", "src/Hosting", "src/Notifications", "src/Classifier/Lexicon"];

    [Fact]
    public void Every_message_template_shown_in_the_console_has_an_Indonesian_resource()
    {
        var resources = XDocument.Load(Path.Combine(SettingsFolder.Path, "src/Web/Resources/ConsoleText.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var templates = ConsoleFacingSources
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SettingsFolder.Path, folder), "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => MessageLiterals(File.ReadAllText(file)).Select(literal => (File: Path.GetRelativePath(SettingsFolder.Path, file), Literal: literal)))
            .ToList();

        Assert.True(templates.Count > 100, $"the scan found only {templates.Count} message literals: it no longer reads the sources");
        var missing = templates.Where(t => !resources.Contains(t.Literal.Template)).Select(t => $"{t.File}: \"{t.Literal.Template}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "templates without an entry in ConsoleText.resx:\n" + string.Join('\n', missing));
        var lost = templates.Where(t => t.Literal.LosesTemplate).Select(t => $"{t.File}: \"{t.Literal.Template}\"").Distinct().ToList();
        Assert.True(lost.Count == 0, "interpolated strings in a ?: become plain strings, so the console cannot translate them (use one return per message):\n" + string.Join('\n', lost));
    }

    [Theory]
    [InlineData("new DomainValidationException($\"NIP '{text}' has '{digits[14]}' in digit 15\")", "NIP '{0}' has '{1}' in digit 15")]
    [InlineData("new DomainValidationException($\"the date {step.Date:yyyy-MM-dd} is {{late}}\")", "the date {0:yyyy-MM-dd} is {{late}}")]
    [InlineData("new PermanentSourceException($\"kind '{Field(\"jenis\")}' or {string.Join(\", \", names)}\")", "kind '{0}' or {1}")]
    [InlineData("new DomainValidationException(\"plain {braces}\")", "plain {{braces}}")]
    [InlineData("private static LocalizableMessage? Check(int a) { if (a == 2) { return $\"two {a}\"; } return a > 2 ? \"many\" : null; }", "two {0}|many")]
    [InlineData("private static LocalizableMessage? Check(int a) { return a == 2 ? $\"two {a}\" : $\"{{{a}}} others\"; }", "lost: two {0}|lost: {{{0}}} others")]
    [InlineData("private static LocalizableMessage? Check(string? a) { return a?.Length > 2 ? \"long\" : a ?? $\"none {{}}\"; }", "long|none {{}}")]
    [InlineData("LocalizableMessage? error = null; error ??= \"not closed\"; error = $\"at {line}\";", "not closed|at {0}")]
    public void The_scanner_reads_a_literal_as_LocalizableMessage_builds_its_template(string source, string expected) =>
        Assert.Equal(expected.Split('|'), MessageLiterals(source).Select(l => l.LosesTemplate ? "lost: " + l.Template : l.Template));

    /// <param name="LosesTemplate">
    /// An interpolated string with holes in a conditional expression: the ?: has the natural type string, so the
    /// message becomes a plain string whose "template" is the formatted text, which no resource can match.
    /// </param>
    private sealed record MessageLiteral(string Template, bool LosesTemplate);

    /// <summary>
    /// The string literals that become messages: arguments of the exceptions that carry one, literals returned by a
    /// method that returns one, and literals assigned to a variable declared as one.
    /// </summary>
    private static List<MessageLiteral> MessageLiterals(string source)
    {
        var starts = new List<int>();
        var inConditional = new HashSet<int>();
        starts.AddRange(MessageException().Matches(source).Select(m => m.Index + m.Length));
        foreach (Match method in MessageMethod().Matches(source))
        {
            var bodyStart = method.Index + method.Length;
            var body = source[bodyStart..BlockEnd(source, bodyStart)];
            foreach (Match statement in ReturnStatement().Matches(body))
            {
                var (literals, conditional) = ReturnedLiterals(source, bodyStart + statement.Index + statement.Length);
                starts.AddRange(literals);
                if (conditional)
                {
                    inConditional.UnionWith(literals);
                }
            }
        }
        foreach (var variable in MessageVariable().Matches(source).Select(m => m.Groups[1].Value).Distinct())
        {
            starts.AddRange(Regex.Matches(source, $@"\b{variable}\s*(\?\?)?=\s*(?=\$?"")").Select(m => m.Index + m.Length));
        }
        return [.. starts.Distinct().Order().Select(start =>
        {
            var template = Template(source, start, out _, out var holes);
            return new MessageLiteral(template, inConditional.Contains(start) && holes > 0);
        })];
    }

    /// <summary>
    /// The literals a return statement can give back: those outside any parentheses ("return a ? $"…" : "…";"),
    /// not the arguments of a call in it; and whether the statement is a conditional expression (a ?: at that level,
    /// not a "??" or "?.").
    /// </summary>
    private static (List<int> Literals, bool Conditional) ReturnedLiterals(string source, int expressionStart)
    {
        var literals = new List<int>();
        var conditional = false;
        var depth = 0;
        var i = expressionStart;
        while (depth > 0 || source[i] != ';')
        {
            if (source[i] == '"' || (source[i] == '$' && source[i + 1] == '"'))
            {
                if (depth == 0)
                {
                    literals.Add(i);
                }
                Template(source, i, out i);
                continue;
            }
            conditional |= depth == 0 && source[i] == '?' && source[i - 1] != '?' && source[i + 1] is not ('?' or '.' or '[');
            depth += source[i] is '(' or '[' or '{' ? 1 : source[i] is ')' or ']' or '}' ? -1 : 0;
            i++;
        }
        return (literals, conditional);
    }

    private static int BlockEnd(string source, int afterOpeningBrace)
    {
        var depth = 1;
        var i = afterOpeningBrace;
        while (depth > 0)
        {
            if (source[i] == '"' || (source[i] == '$' && source[i + 1] == '"'))
            {
                Template(source, i, out i);
                continue;
            }
            depth += source[i] == '{' ? 1 : source[i] == '}' ? -1 : 0;
            i++;
        }
        return i - 1;
    }

    /// <summary>
    /// The template <see cref="Core.Domain.LocalizableMessage"/> makes of the literal at <paramref name="start"/>: holes
    /// become numbered placeholders keeping their format, braces in a plain literal are doubled.
    /// </summary>
    private static string Template(string source, int start, out int end) => Template(source, start, out end, out _);

    private static string Template(string source, int start, out int end, out int holes)
    {
        var interpolated = source[start] == '$';
        var i = interpolated ? start + 1 : start;
        i++; // the opening quote
        var template = new StringBuilder();
        holes = 0;
        while (source[i] != '"')
        {
            var c = source[i];
            if (c == '\\')
            {
                template.Append(source[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
            }
            else if (interpolated && (c is '{' or '}') && source[i + 1] == c)
            {
                template.Append(c, 2);
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                var holeEnd = BlockEnd(source, i + 1);
                var format = HoleFormat().Match(source[(i + 1)..holeEnd]);
                template.Append('{').Append(holes++).Append(format.Success ? format.Value : "").Append('}');
                i = holeEnd + 1;
            }
            else
            {
                template.Append(c is '{' or '}' ? new string(c, 2) : c.ToString());
                i++;
            }
        }
        end = i + 1;
        return template.ToString();
    }

    [GeneratedRegex(@"new (?:DomainValidationException|PermanentSourceException)\(\s*(?=\$?"")")]
    private static partial Regex MessageException();

    [GeneratedRegex(@"LocalizableMessage\??>? \w+\([^)]*\)[^{;=]*\{")]
    private static partial Regex MessageMethod();

    [GeneratedRegex(@"\breturn\b")]
    private static partial Regex ReturnStatement();

    [GeneratedRegex(@"LocalizableMessage\?? (\w+)\s*[=;,)]")]
    private static partial Regex MessageVariable();

    /// <summary>A format after the hole's last top-level colon ("{date:yyyy-MM-dd}"), not a ternary's or a "::".</summary>
    [GeneratedRegex(@"(?<![:?].*):[A-Za-z0-9#.,\-]+$")]
    private static partial Regex HoleFormat();
}
