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
    public static bool CanCarry(string text) => IndexOfUncarried(text) < 0;

    /// <summary><paramref name="text"/> with U+FFFD in place of each character XML 1.0 cannot carry (itself when it has none).</summary>
    public static string Carried(string text)
    {
        var at = IndexOfUncarried(text);
        if (at < 0)
        {
            return text;
        }

        var carried = new StringBuilder(text.Length).Append(text, 0, at);
        for (var i = at; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                carried.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                carried.Append(c).Append(text[++i]);
            }
            else
            {
                carried.Append(Replacement);
            }
        }

        return carried.ToString();
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

    /// <summary>Where the first character XML 1.0 cannot carry is, or -1.</summary>
    private static int IndexOfUncarried(string text)
    {
        var span = text.AsSpan();

        // Printable ASCII, the usual text, in one vector pass; the rest one character at a time.
        var start = span.IndexOfAnyExceptInRange(' ', '~');
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < span.Length; i++)
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
