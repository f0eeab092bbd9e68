using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Qiwi.Sandbox.Api;

/// <summary>
/// Text as an XML answer carries it (D-xmltext in docs/contract.md): XML 1.0 cannot carry a C0 control but tab, line
/// feed and carriage return, U+FFFE, U+FFFF or an unpaired surrogate, and the writer throws on one (an HTTP 500). The
/// sandbox refuses such text when an invoice is created, but a data file written before that rule may hold it: an XML
/// answer carries U+FFFD in place of each such character (a JSON answer carries the text as stored), and the load warns
/// about the invoices that hold it (<see cref="Persistence.SandboxStore"/>).
/// </summary>
internal static class XmlCarriedText
{
    /// <summary>What an XML answer carries in place of a character XML 1.0 cannot carry.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Whether XML 1.0 can carry all of <paramref name="text"/> (by <see cref="XmlConvert"/>'s rule, the writer's own).</summary>
    public static bool CanCarry(string text) => IndexOfUncarried(text, 0) < 0;

    /// <summary><paramref name="text"/> with U+FFFD in place of each character XML 1.0 cannot carry (itself when it has none).</summary>
    public static string Carried(string text)
    {
        var at = IndexOfUncarried(text, 0);
        if (at < 0)
        {
            return text;
        }

        var carried = new StringBuilder(text.Length);
        var from = 0;
        for (; at >= 0; from = at + 1, at = IndexOfUncarried(text, from))
        {
            carried.Append(text, from, at - from).Append(Replacement);
        }

        return carried.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>Replaces, in place, every text of <paramref name="element"/> XML 1.0 cannot carry with <see cref="Carried"/>; true when one was.</summary>
    public static bool CarryAll(XElement element)
    {
        var replaced = false;
        foreach (var node in element.DescendantNodes())
        {
            if (node is XText text && !CanCarry(text.Value))
            {
                text.Value = Carried(text.Value);
                replaced = true;
            }
        }

        return replaced;
    }

    /// <summary>Where the first character XML 1.0 cannot carry is from <paramref name="from"/> on, or -1.</summary>
    private static int IndexOfUncarried(string text, int from)
    {
        var span = text.AsSpan();

        // Printable ASCII, the usual text, in one vector pass; the rest one character at a time.
        var skipped = span[from..].IndexOfAnyExceptInRange(' ', '~');
        if (skipped < 0)
        {
            return -1;
        }

        for (var i = from + skipped; i < span.Length; i++)
        {
            var c = span[i];
            if (XmlConvert.IsXmlChar(c))
            {
                continue;
            }

            if (i + 1 < span.Length && XmlConvert.IsXmlSurrogatePair(span[i + 1], c))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
