using System.Globalization;
using Microsoft.AspNetCore.Html;
using SocialWatch.Core.Domain;

namespace SocialWatch.Web.Rendering;

/// <summary>
/// The dashboard's stacked bar chart of flags per day and label, as inline SVG: no script, no chart library,
/// prints as it looks. Only numbers and localised label names (encoded) go into it.
/// </summary>
public static class FlagChart
{
    private const int Width = 900;
    private const int Height = 220;
    private const int Left = 40;
    private const int Bottom = 30;
    private const int Right = 24;
    private static readonly Label[] Stacked = [Label.Endorse, Label.Oppose, Label.Campaign];

    public static IHtmlContent Render(IReadOnlyList<DateOnly> days, IReadOnlyList<(DateOnly Day, Label Label, int Count)> counts, Func<Label, string> labelName)
    {
        var byDay = counts.GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Label, c => c.Count));
        var max = Math.Max(1, days.Max(d => byDay.TryGetValue(d, out var c) ? c.Values.Sum() : 0));
        var plotHeight = Height - Bottom - 10;
        var slot = (double)(Width - Left - Right) / Math.Max(1, days.Count);
        var html = new HtmlContentBuilder();
        html.AppendHtml(Inv($"<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {Height + 24}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        html.AppendHtml(Inv($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>"));
        html.AppendHtml(Inv($"<text class=\"tick\" x=\"{Left - 6}\" y=\"16\" text-anchor=\"end\">{max}</text><text class=\"tick\" x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\">0</text>"));
        for (var i = 0; i < days.Count; i++)
        {
            var x = Left + (i * slot) + 2;
            var y = (double)(Height - Bottom);
            var dayCounts = byDay.GetValueOrDefault(days[i]);
            foreach (var label in Stacked)
            {
                var count = dayCounts?.GetValueOrDefault(label) ?? 0;
                if (count == 0)
                {
                    continue;
                }
                var h = plotHeight * count / (double)max;
                y -= h;
                html.AppendHtml(Inv($"<rect class=\"bar label-{label.ToCode()}\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot - 4:0.#}\" height=\"{h:0.#}\"><title>{days[i]:yyyy-MM-dd} {label.ToCode()}: {count}</title></rect>"));
            }
            if (i % 5 == 0 || i == days.Count - 1)
            {
                html.AppendHtml(Inv($"<text class=\"tick\" x=\"{x + (slot / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{days[i]:dd/MM}</text>"));
            }
        }
        var legendX = Left;
        foreach (var label in Stacked)
        {
            html.AppendHtml(Inv($"<rect class=\"bar label-{label.ToCode()}\" x=\"{legendX}\" y=\"{Height + 8}\" width=\"12\" height=\"12\"/><text class=\"legend\" x=\"{legendX + 16}\" y=\"{Height + 19}\">"));
            html.Append(labelName(label));
            html.AppendHtml("</text>");
            legendX += 140;
        }
        html.AppendHtml("</svg>");
        return html;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
