using System.Globalization;
using System.Net;
using System.Text;
using SocialWatch.Core.Digest;
using SocialWatch.Core.Domain;
using SocialWatch.Core.Ports;

namespace SocialWatch.Notifications;

/// <summary>
/// Renders a digest in Indonesian as table-layout HTML with inline styles (no scripts) and plain text.
/// Every post text and name is HTML-escaped; links are built from the console's public base URL.
/// </summary>
public sealed class DigestRenderer(string publicBaseUrl) : IDigestRenderer
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");
    private readonly string baseUrl = publicBaseUrl.TrimEnd('/');

    public string FlagLink(long flagId) => $"{baseUrl}/flags/{flagId.ToString(CultureInfo.InvariantCulture)}";

    public (string Subject, string Html, string Text) Render(OfficerDigest digest)
    {
        var date = digest.PeriodDate.ToString("d MMMM yyyy", Indonesian);
        var subject = digest.NewCount == 0
            ? $"Ringkasan SocialWatch {date}: tidak ada tanda baru"
            : $"Ringkasan SocialWatch {date}: {digest.NewCount} tanda baru";
        return (subject, Html(digest, subject), Text(digest, subject));
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>The console's words for the labels (docs/console.md, "Words"): the digest speaks like the console.</summary>
    private static string LabelWord(Label label) => label switch
    {
        Label.Endorse => "mendukung",
        Label.Oppose => "menentang",
        Label.Campaign => "kampanye",
        Label.Civic => "kewargaan",
        Label.Other => "lainnya",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, null),
    };

    private string Html(OfficerDigest d, string subject)
    {
        const string cell = "style=\"padding:4px 8px;border:1px solid #ccc;font-family:Arial,sans-serif;font-size:14px\"";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>").Append(E(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:16px;font-family:Arial,sans-serif;color:#222\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:640px\">")
            .Append("<tr><td><h1 style=\"font-size:20px\">").Append(E(subject)).Append("</h1>")
            .Append("<p>Yth. ").Append(E(d.Officer.DisplayName)).Append(",</p>")
            .Append(CultureInfo.InvariantCulture, $"<p>Tanda baru: <b>{d.NewCount}</b>. Antrean terbuka: <b>{d.OpenBacklog}</b>. Melewati batas tinjau: <b>{d.Overdue.Count}</b>.</p>");
        if (d.NewByLabelAndAgency.Count > 0)
        {
            html.Append("<h2 style=\"font-size:16px\">Tanda baru per label dan instansi</h2><table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\">")
                .Append(CultureInfo.InvariantCulture, $"<tr><th {cell}>Label</th><th {cell}>Instansi</th><th {cell}>Jumlah</th></tr>");
            foreach (var (label, agency, count) in d.NewByLabelAndAgency)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td {cell}>{E(LabelWord(label))}</td><td {cell}>{E(agency)}</td><td {cell}>{count}</td></tr>");
            }
            html.Append("</table>");
        }
        AppendFlagTable(html, "Skor tertinggi", d.Top, cell);
        AppendFlagTable(html, "Melewati batas tinjau", d.Overdue, cell);
        html.Append("<p style=\"font-size:12px;color:#666\">SocialWatch menandai unggahan untuk ditinjau manusia. Tanda bukan temuan; tidak ada sanksi otomatis.</p>")
            .Append("</td></tr></table></body></html>");
        return html.ToString();
    }

    private void AppendFlagTable(StringBuilder html, string title, IReadOnlyList<FlagSummary> items, string cell)
    {
        if (items.Count == 0)
        {
            return;
        }
        html.Append("<h2 style=\"font-size:16px\">").Append(E(title)).Append("</h2><table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\">");
        foreach (var item in items)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td {cell}><a href=\"{E(FlagLink(item.Flag.Id))}\">#{item.Flag.Id}</a></td><td {cell}>{E(LabelWord(item.Flag.Label))} {item.Flag.Score:0.00}</td>" +
                $"<td {cell}>{E(item.StaffName)} ({E(item.AgencyName)})<br>{E(item.PostExcerpt)}</td></tr>");
        }
        html.Append("</table>");
    }

    private string Text(OfficerDigest d, string subject)
    {
        var text = new StringBuilder();
        text.AppendLine(subject).AppendLine()
            .Append("Yth. ").Append(d.Officer.DisplayName).AppendLine(",")
            .AppendLine(CultureInfo.InvariantCulture, $"Tanda baru: {d.NewCount}. Antrean terbuka: {d.OpenBacklog}. Melewati batas tinjau: {d.Overdue.Count}.");
        foreach (var (label, agency, count) in d.NewByLabelAndAgency)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {LabelWord(label)} / {agency}: {count}");
        }
        AppendFlagList(text, "Skor tertinggi", d.Top);
        AppendFlagList(text, "Melewati batas tinjau", d.Overdue);
        return text.ToString();
    }

    private void AppendFlagList(StringBuilder text, string title, IReadOnlyList<FlagSummary> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        text.AppendLine().AppendLine(title + ":");
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- #{item.Flag.Id} {LabelWord(item.Flag.Label)} {item.Flag.Score:0.00} {item.StaffName} ({item.AgencyName}): {item.PostExcerpt}")
                .AppendLine("  " + FlagLink(item.Flag.Id));
        }
    }
}
