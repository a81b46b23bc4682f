using System.Globalization;
using System.Text;

namespace Dapr.AiProvider.Benchmark.Report;

/// <summary>A plain fixed-width text table (Markdown-compatible, so it pastes into the README).</summary>
internal sealed class Table(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params object[] cells)
    {
        _rows.Add([.. cells.Select(Format)]);
        return this;
    }

    public void Print()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder().Append('\n').Append("### ").AppendLine(title).AppendLine();
        Line(text, headers, widths);
        text.Append('|').AppendJoin('|', widths.Select(w => new string('-', w + 2))).AppendLine("|");
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }
        Console.Write(text.ToString());
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }
        text.AppendLine();
    }

    private static string Format(object cell) => cell switch
    {
        double d => Ms(d),
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:#,0}", cell),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };
}
